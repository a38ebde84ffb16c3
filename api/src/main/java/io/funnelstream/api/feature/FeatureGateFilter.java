package io.funnelstream.api.feature;

import io.funnelstream.api.error.Problems;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Answers 404 ({@code feature-disabled}) for every route of a switched-off feature, before security and before any
 * handler: the request does no work at all.
 */
public final class FeatureGateFilter implements WebFilter, Ordered {

    /** Ahead of Spring Security's filter chain (order -100), so a closed route reveals nothing else. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final List<Map.Entry<PathPattern, Feature>> closedRoutes;

    public FeatureGateFilter(Features features) {
        this.closedRoutes = closedRoutes(features);
    }

    private static List<Map.Entry<PathPattern, Feature>> closedRoutes(Features features) {
        PathPatternParser parser = PathPatternParser.defaultInstance;
        return Arrays.stream(Feature.values())
                .filter(feature -> !features.isEnabled(feature))
                .flatMap(feature -> feature.routes().stream().map(route -> Map.entry(parser.parse(route), feature)))
                .toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Feature closed = closedFeature(exchange.getRequest().getPath().pathWithinApplication());
        if (closed == null) {
            return chain.filter(exchange);
        }
        return Mono.error(Problems.featureDisabled(closed.slug()));
    }

    private @Nullable Feature closedFeature(PathContainer path) {
        for (Map.Entry<PathPattern, Feature> route : closedRoutes) {
            if (route.getKey().matches(path)) {
                return route.getValue();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
