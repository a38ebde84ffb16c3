package io.funnelstream.engine.ingest;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.normalize.Normalizers;
import io.funnelstream.engine.webhook.CertificateSource;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.ProviderCredentialsSource;
import io.funnelstream.engine.webhook.ReplayGuard;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import io.funnelstream.engine.webhook.WebhookVerifier;
import io.funnelstream.engine.webhook.WebhookVerifiers;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Every provider that sends webhooks, by {@link Provider}, for routes like
 * {@code POST|GET /webhooks/{provider}/{tenantKey}}:
 *
 * <pre>{@code
 * WebhookRequest request = new WebhookRequest(provider, tenant, method,
 *         WebhookRequest.publicUrl(publicBaseUrl, rawPath, rawQuery), WebhookHeaders.of(headers), body, clock.instant());
 * webhooks.ingest(request, credentialsSource).map(outcome -> switch (outcome) {
 *     case Denied d -> problem(d.rejection().reason().httpStatus(), d.rejection().reason().problemSlug(), ...);
 *     case Accepted(Normalized.Events e) -> record e.events(), answer 200;
 *     case Accepted(Normalized.Challenge c) -> 200 text/plain c.body();
 *     case Accepted(Normalized.ConfirmSubscription s) -> GET s.subscribeUrl(), answer 200;
 *     case Accepted(Normalized.Acknowledged a) -> 200;
 *     case Accepted(Normalized.Rejected r) -> problem(r.problem().httpStatus(), r.problem().problemSlug(), ...);
 * });
 * }</pre>
 */
public final class WebhookProviders {

    private final Map<Provider, WebhookProvider> providers;

    private WebhookProviders(Map<Provider, WebhookProvider> providers) {
        this.providers = new EnumMap<>(providers);
    }

    /** The standard set: SendGrid, Mailgun, SES (via SNS), Twilio, Meta and Unifonic. */
    public static WebhookProviders create(
            WebhookSettings settings, Clock clock, ReplayGuard replayGuard, CertificateSource certificates) {
        List<WebhookVerifier> verifiers = List.of(
                WebhookVerifiers.sendGrid(settings, clock),
                WebhookVerifiers.mailgun(settings, clock, replayGuard),
                WebhookVerifiers.ses(settings, clock, certificates),
                WebhookVerifiers.twilio(),
                WebhookVerifiers.meta(),
                WebhookVerifiers.unifonic());
        Map<Provider, WebhookProvider> map = new EnumMap<>(Provider.class);
        for (WebhookVerifier verifier : verifiers) {
            Provider p = verifier.provider();
            map.put(p, new WebhookProvider(p, verifier, Normalizers.forProvider(p, settings).orElseThrow()));
        }
        return new WebhookProviders(map);
    }

    /** A registry of exactly these providers (tests, custom wiring). */
    public static WebhookProviders of(Collection<WebhookProvider> providers) {
        Map<Provider, WebhookProvider> map = new EnumMap<>(Provider.class);
        providers.forEach(p -> map.put(p.provider(), p));
        return new WebhookProviders(map);
    }

    public Optional<WebhookProvider> find(Provider provider) {
        return Optional.ofNullable(providers.get(provider));
    }

    /** By the route's path segment, e.g. {@code sendgrid}, {@code ses}, {@code meta}. */
    public Optional<WebhookProvider> find(String slug) {
        return Provider.fromSlug(slug).flatMap(this::find);
    }

    /** Verifies and normalises a request with the tenant's credentials. */
    public Mono<WebhookOutcome> ingest(WebhookRequest request, ProviderCredentials credentials) {
        return find(request.provider())
                .map(p -> p.handle(request, credentials))
                .orElseGet(() -> Mono.just(unsupported(request.provider())));
    }

    /** As {@link #ingest(WebhookRequest, ProviderCredentials)}, looking the credentials up first. */
    public Mono<WebhookOutcome> ingest(WebhookRequest request, ProviderCredentialsSource credentials) {
        return credentials.credentials(request.tenant(), request.provider())
                .defaultIfEmpty(ProviderCredentials.none())
                .flatMap(c -> ingest(request, c));
    }

    private static WebhookOutcome unsupported(Provider provider) {
        return new WebhookOutcome.Denied(new Verification.Rejected(
                Verification.Reason.UNSUPPORTED_PROVIDER, provider.slug() + " sends no webhooks"));
    }
}
