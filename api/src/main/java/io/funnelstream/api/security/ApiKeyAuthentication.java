package io.funnelstream.api.security;

import io.funnelstream.engine.model.ApiKeyPrincipal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An API key before it is checked, and the tenant principal it resolves to afterwards. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String presentedKey;
    private final @Nullable ApiKeyPrincipal principal;

    private ApiKeyAuthentication(String presentedKey, @Nullable ApiKeyPrincipal principal) {
        super(principal == null ? List.of() : Roles.authoritiesOf(principal.role()).stream()
                .map(SimpleGrantedAuthority::new).toList());
        this.presentedKey = presentedKey;
        this.principal = principal;
        setAuthenticated(principal != null);
    }

    static ApiKeyAuthentication unauthenticated(String presentedKey) {
        return new ApiKeyAuthentication(presentedKey, null);
    }

    static ApiKeyAuthentication authenticated(ApiKeyPrincipal principal) {
        return new ApiKeyAuthentication("", principal);
    }

    String presentedKey() {
        return presentedKey;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return principal == null ? "" : principal;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
