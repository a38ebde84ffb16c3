package io.funnelstream.api.security;

import io.funnelstream.api.error.ProblemResponder;
import io.funnelstream.api.error.Problems;
import io.funnelstream.engine.port.TenantDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may reach which route. REST calls authenticate with a per-tenant API key ({@code Authorization: Bearer} or
 * {@code X-API-Key}); provider webhooks prove themselves by their signatures and survey pages by signed tracking
 * tokens, so those routes are open, in a chain of their own that reads no API key, and checked by their handlers.
 * Reads need a viewer, changes an analyst, administration (keys, provider credentials, actuator) an admin. No
 * sessions, no cookies, no CSRF; every refusal is a problem detail.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] PUBLIC_ROUTES = {
        "/actuator/health", "/actuator/health/**", "/actuator/info",
        // Streams authenticate with short-lived stream tokens in the query (EventSource sends no headers).
        "/api/analytics/stream", "/api/analytics/stream/**",
        // The OpenAPI description: what the API offers is no secret, the data behind it is.
        "/v3/api-docs", "/v3/api-docs/**"
    };

    /**
     * The routes that prove themselves (provider webhooks by their signatures or shared secrets, survey pages by
     * signed tracking tokens) and the tracker script. Providers send headers of their own here: SendGrid, with OAuth
     * set on its Event Webhook, sends its own bearer token beside the signature. Read as an API key, it failed every
     * post with a 401, so these routes have a chain of their own that looks for no API key.
     */
    static final String[] SIGNED_ROUTES = {"/webhooks/**", "/t/**", "/api/tracking/**", "/survey-tracking.js"};

    /**
     * Ahead of the service's chain, for {@link #SIGNED_ROUTES} only: open to anyone, no API key read or looked up
     * (each handler checks what its route requires), the same response headers as every route.
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain signedRoutesSecurityWebFilterChain(ServerHttpSecurity http) {
        return openChain(http, ServerWebExchangeMatchers.pathMatchers(SIGNED_ROUTES));
    }

    /**
     * A chain for the exchanges {@code matcher} picks, open to anyone: no API key read, no session, no CSRF token,
     * the same response headers as every route.
     */
    public static SecurityWebFilterChain openChain(ServerHttpSecurity http, ServerWebExchangeMatcher matcher) {
        return http.securityMatcher(matcher)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .authorizeExchange(routes -> routes.anyExchange().permitAll())
                .build();
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(
            ServerHttpSecurity http, TenantDirectory directory, ProblemResponder problems) {
        ServerAuthenticationEntryPoint unauthenticated = (exchange, failure) -> problems.write(
                exchange, unauthenticated(failure), challenge(), failure);
        AuthenticationWebFilter apiKeys = new AuthenticationWebFilter(new ApiKeyAuthenticationManager(directory));
        apiKeys.setServerAuthenticationConverter(new ApiKeyAuthenticationConverter());
        apiKeys.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(unauthenticated));
        apiKeys.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(apiKeys, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(routes -> routes
                        .pathMatchers(PUBLIC_ROUTES).permitAll()
                        .pathMatchers("/actuator/**", "/api/admin/**").hasAuthority(Roles.ADMIN)
                        .pathMatchers(HttpMethod.GET, "/api/**").hasAuthority(Roles.VIEWER)
                        .pathMatchers(HttpMethod.HEAD, "/api/**").hasAuthority(Roles.VIEWER)
                        // Asking for a stream token or a sample size changes nothing: viewers may.
                        .pathMatchers("/api/stream-tokens", "/api/experiments/sample-size").hasAuthority(Roles.VIEWER)
                        .pathMatchers("/api/**").hasAuthority(Roles.ANALYST)
                        // The dashboard's static files.
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((exchange, refusal) -> problems.write(
                                exchange, denied(exchange), HttpHeaders.EMPTY, refusal)))
                .build();
    }

    private static HttpHeaders challenge() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"funnelstream\"");
        return headers;
    }

    /** A new value per response: the responder fills in the instance. */
    private static ProblemDetail unauthenticated(AuthenticationException failure) {
        String detail = failure instanceof BadCredentialsException
                ? failure.getMessage()
                : "An API key is required: send it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.";
        return Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }

    private static ProblemDetail denied(ServerWebExchange exchange) {
        return Problems.problem(HttpStatus.FORBIDDEN, "forbidden",
                "This API key's role may not " + exchange.getRequest().getMethod() + " "
                        + exchange.getRequest().getPath().value() + ".");
    }
}
