package io.funnelstream.api.config;

import io.funnelstream.api.feature.Feature;
import io.funnelstream.api.feature.FeatureGateFilter;
import io.funnelstream.api.feature.Features;
import java.util.EnumSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Turns the {@code funnelstream.features.*} switches into the {@link Features} bean and the route gate. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FeatureProperties.class)
public class FeatureConfiguration {

    @Bean
    Features features(FeatureProperties properties) {
        var enabled = EnumSet.noneOf(Feature.class);
        if (properties.messageTracking()) {
            enabled.add(Feature.MESSAGE_TRACKING);
        }
        if (properties.abTesting()) {
            enabled.add(Feature.AB_TESTING);
        }
        if (properties.richMedia()) {
            enabled.add(Feature.RICH_MEDIA);
        }
        if (properties.realtimeAnalytics()) {
            enabled.add(Feature.REALTIME_ANALYTICS);
        }
        return new Features(enabled);
    }

    @Bean
    FeatureGateFilter featureGateFilter(Features features) {
        return new FeatureGateFilter(features);
    }
}
