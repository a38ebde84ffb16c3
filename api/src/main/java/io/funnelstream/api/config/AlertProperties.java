package io.funnelstream.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alerts on live streams ({@code funnelstream.alerts.*}).
 *
 * @param range the stream range whose rates the bounce and delivery alerts watch (one of
 *     {@code funnelstream.stream.ranges})
 * @param webhookWindow the trailing span of webhook requests the webhook failure alert watches
 * @param flushInterval how often each instance adds its webhook tally to the shared one
 * @param tallyRetention how long a tenant minute of webhook requests is kept
 * @param tallyKeyPrefix Redis key prefix of the shared tally (production profile)
 * @param rulesCacheTimeToLive how long a tenant's alert rules are cached (an admin change elsewhere shows after it)
 * @param rulesCacheMaxEntries tenants whose rules are cached
 */
@ConfigurationProperties("funnelstream.alerts")
public record AlertProperties(
        String range,
        Duration webhookWindow,
        Duration flushInterval,
        Duration tallyRetention,
        String tallyKeyPrefix,
        Duration rulesCacheTimeToLive,
        long rulesCacheMaxEntries) {}
