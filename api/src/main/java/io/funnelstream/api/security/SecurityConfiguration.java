package io.funnelstream.api.security;

import io.funnelstream.api.error.ProblemResponder;
import io.funnelstream.api.error.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The baseline: health and info are public, provider webhooks and tracking links are public (they prove themselves by
 * signature and opaque keys), everything else needs an authenticated caller. No sessions, no login page, no basic
 * auth, no CSRF (no cookies carry credentials); refusals are problem details. API-key authentication plugs into this
 * chain.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] PUBLIC_ROUTES = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/webhooks/**", "/t/**"
    };

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemResponder problems) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(PUBLIC_ROUTES).permitAll()
                        .anyExchange().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, failure) -> problems.write(
                                exchange, unauthenticated(), HttpHeaders.EMPTY, failure))
                        .accessDeniedHandler((exchange, refusal) -> problems.write(
                                exchange, denied(), HttpHeaders.EMPTY, refusal)))
                .build();
    }

    /** A new value per response: the responder fills in the instance. */
    private static ProblemDetail unauthenticated() {
        return Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication is required.");
    }

    private static ProblemDetail denied() {
        return Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Access to this resource is denied.");
    }
}
