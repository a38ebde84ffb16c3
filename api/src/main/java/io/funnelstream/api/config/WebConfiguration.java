package io.funnelstream.api.config;

import io.funnelstream.api.web.RequestSizeLimitFilter;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The HTTP edge's own filters, and the clock everything with time takes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
public class WebConfiguration {

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(HttpProperties properties) {
        return new RequestSizeLimitFilter(properties.maxRequestSize());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
