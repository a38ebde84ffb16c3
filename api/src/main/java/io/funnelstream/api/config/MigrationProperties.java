package io.funnelstream.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Schema migrations ({@code funnelstream.migrations.*}).
 *
 * @param onStartup whether the service applies pending migrations before it opens its connection pool
 */
@ConfigurationProperties("funnelstream.migrations")
public record MigrationProperties(boolean onStartup) {}
