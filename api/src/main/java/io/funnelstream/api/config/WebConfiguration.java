package io.funnelstream.api.config;

import io.funnelstream.api.web.RequestSizeLimitFilter;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP edge's own filters, and the clock everything with time takes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
public class WebConfiguration {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(HttpProperties properties) {
        // Provider webhooks bound their bodies per provider (funnelstream.webhooks.max-body-size[s]).
        return new RequestSizeLimitFilter(properties.maxRequestSize(), List.of("/webhooks/**"));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
