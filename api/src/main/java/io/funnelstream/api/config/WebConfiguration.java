package io.funnelstream.api.config;

import io.funnelstream.api.error.ProblemMapper;
import io.funnelstream.api.error.ProblemResponder;
import io.funnelstream.api.web.BrotliFirstResolver;
import io.funnelstream.api.web.DashboardFallbackFilter;
import io.funnelstream.api.web.DirectResponses;
import io.funnelstream.api.web.RequestSizeLimitFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * The HTTP edge's own filters, the dashboard's deep links and built files, and the clock everything with time takes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HttpProperties.class)
public class WebConfiguration implements WebFluxConfigurer {

    /** The dashboard's built scripts and styles; their names carry a hash of their content. */
    static final String DASHBOARD_ASSETS = "/assets/**";

    /**
     * A hashed file never changes under its name: browsers keep it a year without asking again, and get the brotli
     * or gzip copy the build wrote beside it when they accept one. {@code index.html}, which names the current
     * files, stays {@code no-cache} ({@link DashboardFallbackFilter}).
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(DASHBOARD_ASSETS)
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new BrotliFirstResolver());
    }

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(HttpProperties properties) {
        // Provider webhooks bound their bodies per provider (funnelstream.webhooks.max-body-size[s]).
        return new RequestSizeLimitFilter(properties.maxRequestSize(), List.of("/webhooks/**"));
    }

    /** How the routes served ahead of the handler chain (webhook and tracking posts) write their answers. */
    @Bean
    DirectResponses directResponses(ProblemMapper mapper, ProblemResponder problems) {
        return new DirectResponses(mapper, problems);
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
