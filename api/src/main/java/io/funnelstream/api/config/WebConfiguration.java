package io.funnelstream.api.config;

import io.funnelstream.api.web.DashboardFallbackFilter;
import io.funnelstream.api.web.RequestSizeLimitFilter;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/** The HTTP edge's own filters, the dashboard's deep links, and the clock everything with time takes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
public class WebConfiguration {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(HttpProperties properties) {
        // Provider webhooks bound their bodies per provider (funnelstream.webhooks.max-body-size[s]).
        return new RequestSizeLimitFilter(properties.maxRequestSize(), List.of("/webhooks/**"));
    }

    @Bean
    DashboardFallbackFilter dashboardFallbackFilter() {
        // The dashboard built from ../web is copied into static/ by the build (absent with -Dweb.skip).
        return new DashboardFallbackFilter(new ClassPathResource("static/index.html"));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
