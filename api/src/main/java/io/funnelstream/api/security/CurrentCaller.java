package io.funnelstream.api.security;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * The authenticated caller of the current request, read from the Reactor context that the security filter
 * wrote once at the edge. Handlers pass the {@link TenantId} on explicitly; nothing below the api reads it
 * from a context.
 */
public final class CurrentCaller {

    private CurrentCaller() {}

    /** The caller, or an empty Mono on a public route. */
    public static Mono<ApiKeyPrincipal> principal() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(ctx -> ctx.getAuthentication() == null ? null : ctx.getAuthentication().getPrincipal())
                .ofType(ApiKeyPrincipal.class);
    }

    /** The caller's tenant, or an empty Mono on a public route. */
    public static Mono<TenantId> tenant() {
        return principal().map(ApiKeyPrincipal::tenant);
    }
}
