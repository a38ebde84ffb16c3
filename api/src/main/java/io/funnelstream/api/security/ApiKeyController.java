package io.funnelstream.api.security;

import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.ApiKey;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.port.TenantDirectory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who am I, and the admin's management of its tenant's API keys. A key's secret is shown once. */
@RestController
class ApiKeyController {

    private final TenantDirectory directory;

    ApiKeyController(TenantDirectory directory) {
        this.directory = directory;
    }

    record Me(String tenant, String role, String apiKeyId) {}

    record NewKey(@NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = "admin|analyst|viewer", message = "must be one of admin, analyst, viewer")
                    String role) {}

    record CreatedKey(String id, String name, String role, String key, String keyPrefix, Instant createdAt) {}

    record KeyView(String id, String name, String role, String keyPrefix, Instant createdAt,
            @Nullable Instant revokedAt) {}

    @GetMapping("/api/me")
    Mono<Me> me() {
        return CurrentCaller.principal()
                .map(p -> new Me(p.tenant().toString(), p.role().slug(), p.apiKeyId().toString()));
    }

    @PostMapping("/api/admin/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedKey> create(@Valid @RequestBody NewKey request) {
        return CurrentCaller.tenant()
                .flatMap(tenant -> directory.createApiKey(tenant, request.name(), Role.fromSlug(request.role()).orElseThrow()))
                .map(ApiKeyController::created);
    }

    @GetMapping("/api/admin/api-keys")
    Flux<KeyView> list() {
        return CurrentCaller.tenant().flatMapMany(directory::listApiKeys).map(ApiKeyController::view);
    }

    @DeleteMapping("/api/admin/api-keys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(@PathVariable UUID id) {
        return CurrentCaller.principal()
                .flatMap(p -> directory.revokeApiKey(p.tenant(), id))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No API key " + id + " in this tenant.")))
                .then();
    }

    private static CreatedKey created(IssuedApiKey issued) {
        ApiKey key = issued.key();
        return new CreatedKey(key.id().toString(), key.name(), key.role().slug(), issued.plaintext(),
                key.keyPrefix(), key.createdAt());
    }

    private static KeyView view(ApiKey key) {
        return new KeyView(key.id().toString(), key.name(), key.role().slug(), key.keyPrefix(), key.createdAt(),
                key.revokedAt());
    }
}
