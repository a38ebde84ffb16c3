package io.funnelstream.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which capabilities are switched on ({@code funnelstream.features.*}); a switched-off capability answers 404 and runs
 * no background work.
 *
 * @param messageTracking provider webhooks, tracking pixels and links, tracking API
 * @param abTesting experiments
 * @param richMedia media and templates
 * @param realtimeAnalytics live analytics streams and alerts
 */
@ConfigurationProperties("funnelstream.features")
public record FeatureProperties(
        boolean messageTracking, boolean abTesting, boolean richMedia, boolean realtimeAnalytics) {}
