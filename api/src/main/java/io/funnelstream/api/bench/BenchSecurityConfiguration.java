package io.funnelstream.api.bench;

import io.funnelstream.api.security.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * With the {@code bench} profile, a filter chain of its own for {@code POST /bench/noop} only, ahead of the
 * service's chain: open to anyone, no API key looked up. Every other route keeps the service's rules; without the
 * profile this chain does not exist and neither does the route.
 */
@Configuration(proxyBeanMethods = false)
@Profile(BenchSecurityConfiguration.PROFILE)
public class BenchSecurityConfiguration {

    /** The profile that adds the no-op endpoint; never for a deployment that faces providers. */
    public static final String PROFILE = "bench";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain benchSecurityWebFilterChain(ServerHttpSecurity http) {
        return SecurityConfiguration.openChain(
                http, ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, NoopController.PATH));
    }
}
