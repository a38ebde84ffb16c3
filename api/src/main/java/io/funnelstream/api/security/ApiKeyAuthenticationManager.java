package io.funnelstream.api.security;

import io.funnelstream.engine.port.TenantDirectory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/** Resolves a presented key to its tenant and role; unknown, malformed or revoked keys fail alike. */
final class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

    private static final int MAX_KEY_LENGTH = 256;
    private final TenantDirectory directory;

    ApiKeyAuthenticationManager(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof ApiKeyAuthentication presented)) {
            return Mono.empty();
        }
        String key = presented.presentedKey();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return Mono.error(new BadCredentialsException("The API key is missing or malformed."));
        }
        return directory.resolveApiKey(key)
                .<Authentication>map(ApiKeyAuthentication::authenticated)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("The API key is not valid.")));
    }
}
