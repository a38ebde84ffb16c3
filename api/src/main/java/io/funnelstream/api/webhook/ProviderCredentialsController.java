package io.funnelstream.api.webhook;

import io.funnelstream.api.error.Problems;
import io.funnelstream.api.security.CurrentCaller;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.port.ProviderSecrets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An admin's management of the tenant's webhook secrets, per provider, by the names {@link CredentialSchema}
 * defines. Values go in and are never shown again: listings name what is set. A change takes effect on this
 * instance at once and on others within the credentials cache's time to live.
 */
@RestController
class ProviderCredentialsController {

    private final ProviderSecrets secrets;
    private final CachedCredentials credentials;

    ProviderCredentialsController(ProviderSecrets secrets, CachedCredentials credentials) {
        this.secrets = secrets;
        this.credentials = credentials;
    }

    /**
     * @param names the secrets set (never their values)
     * @param required what webhooks need
     * @param optional what the sending client reads besides
     */
    record ProviderView(String provider, boolean configured, List<String> names, List<String> required,
            List<String> optional, @Nullable Instant updatedAt) {}

    @GetMapping("/api/admin/providers")
    Mono<List<ProviderView>> list() {
        return CurrentCaller.tenant().flatMap(tenant -> secrets.list(tenant)
                .collectMap(ProviderSecrets.Configured::provider, Function.identity())
                .map(configured -> Arrays.stream(Provider.values())
                        .map(p -> view(p, configured.get(p)))
                        .toList()));
    }

    @PutMapping("/api/admin/providers/{provider}/credentials")
    Mono<ProviderView> put(@PathVariable String provider, @RequestBody Map<String, Object> body) {
        Provider p = provider(provider);
        Map<String, String> values = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        body.forEach((name, value) -> text(value).ifPresentOrElse(
                v -> values.put(name, v), () -> problems.add(name + ": must be a string or a list of strings")));
        CredentialSchema.problems(p, values).stream()
                .filter(problem -> body.keySet().stream().noneMatch(name -> !values.containsKey(name)
                        && problem.startsWith(name + ":")))
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            ErrorResponseException invalid = Problems.badRequest("invalid-provider-credentials",
                    "These " + p.slug() + " credentials cannot be used: " + String.join("; ", problems) + ".");
            invalid.getBody().setProperty("errors", problems);
            return Mono.error(invalid);
        }
        return CurrentCaller.tenant().flatMap(tenant -> secrets.put(tenant, p, values)
                .doOnSuccess(done -> credentials.invalidate(tenant, p))
                .thenReturn(new ProviderView(p.slug(), true, List.copyOf(values.keySet()),
                        CredentialSchema.required(p), CredentialSchema.optional(p), null)));
    }

    @DeleteMapping("/api/admin/providers/{provider}/credentials")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String provider) {
        Provider p = provider(provider);
        return CurrentCaller.tenant()
                .flatMap(tenant -> secrets.delete(tenant, p).doOnSuccess(done -> credentials.invalidate(tenant, p)))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("provider-not-configured",
                        "No " + p.slug() + " credentials are set for this tenant.")))
                .then();
    }

    static Provider provider(String slug) {
        return Provider.fromSlug(slug)
                .orElseThrow(() -> Problems.notFound("unknown-provider",
                        "No provider is called '" + abbreviated(slug) + "'."));
    }

    private static ProviderView view(Provider provider, ProviderSecrets.@Nullable Configured configured) {
        List<String> required = CredentialSchema.required(provider);
        List<String> optional = CredentialSchema.optional(provider);
        return configured == null
                ? new ProviderView(provider.slug(), false, List.of(), required, optional, null)
                : new ProviderView(provider.slug(), true, configured.names(), required, optional,
                        configured.updatedAt());
    }

    /** A string as is; a list of strings (SES topic ARNs) joined with commas. */
    private static Optional<String> text(@Nullable Object value) {
        if (value instanceof String s) {
            return Optional.of(s);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(list.stream().map(String.class::cast).collect(Collectors.joining(",")));
        }
        return Optional.empty();
    }

    private static String abbreviated(String slug) {
        String printable = slug.replaceAll("[^A-Za-z0-9_-]", "?");
        return printable.length() > 40 ? printable.substring(0, 40) + "..." : printable;
    }
}
