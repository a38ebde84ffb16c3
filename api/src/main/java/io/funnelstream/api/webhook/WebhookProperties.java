package io.funnelstream.api.webhook;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Provider webhooks ({@code funnelstream.webhooks.*}).
 *
 * @param publicBaseUrl the origin providers are told to call (e.g. {@code https://hooks.example.com}), which
 *     Twilio signs; empty: the scheme, host and port of each request as it arrived
 * @param maxBodySize the largest body taken from a provider, unless {@code maxBodySizes} names the provider
 * @param maxBodySizes per provider slug, e.g. {@code sendgrid: 5MB} for SendGrid's large batches
 * @param replayWindow how old a signed timestamp may be
 * @param maxFutureSkew how far a signed timestamp or an event time may lie ahead of our clock
 * @param appendTimeout how long the answer may wait for the event log before it is 503
 * @param retryAfter the {@code Retry-After} sent with a 503
 * @param tenantCache positive webhook key lookups
 * @param credentialsCache tenants' provider secrets as credentials (dropped at once on an admin change here)
 * @param recentEvents event keys appended lately, to recognise retries at the edge
 * @param replayCapacity tokens the in-memory replay guard of the embedded default holds
 * @param replayKeyPrefix Redis key prefix of the replay guard of the production profile
 * @param sns fetching SNS certificates and confirming subscriptions
 */
@ConfigurationProperties("funnelstream.webhooks")
public record WebhookProperties(
        @Nullable String publicBaseUrl,
        @Nullable DataSize maxBodySize,
        @Nullable Map<String, DataSize> maxBodySizes,
        @Nullable Duration replayWindow,
        @Nullable Duration maxFutureSkew,
        @Nullable Duration appendTimeout,
        @Nullable Duration retryAfter,
        @Nullable CacheSpec tenantCache,
        @Nullable CacheSpec credentialsCache,
        @Nullable CacheSpec recentEvents,
        @Nullable Integer replayCapacity,
        @Nullable String replayKeyPrefix,
        @Nullable Sns sns) {

    /** A bounded cache whose entries live {@code timeToLive} after they were written. */
    public record CacheSpec(long maxEntries, Duration timeToLive) {}

    /**
     * @param fetchTimeout bound of one fetch from SNS (certificate or subscription confirmation)
     * @param maxCertificateSize the largest certificate body read
     * @param certificateCache parsed certificates
     */
    public record Sns(Duration fetchTimeout, DataSize maxCertificateSize, CacheSpec certificateCache) {}

    public WebhookProperties {
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.strip();
        maxBodySize = maxBodySize == null ? DataSize.ofMegabytes(1) : maxBodySize;
        maxBodySizes = maxBodySizes == null ? Map.of() : Map.copyOf(maxBodySizes);
        replayWindow = replayWindow == null ? Duration.ofMinutes(5) : replayWindow;
        maxFutureSkew = maxFutureSkew == null ? Duration.ofMinutes(1) : maxFutureSkew;
        appendTimeout = appendTimeout == null ? Duration.ofSeconds(10) : appendTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(30) : retryAfter;
        tenantCache = tenantCache == null ? new CacheSpec(10_000, Duration.ofMinutes(1)) : tenantCache;
        credentialsCache = credentialsCache == null ? new CacheSpec(10_000, Duration.ofSeconds(30)) : credentialsCache;
        recentEvents = recentEvents == null ? new CacheSpec(200_000, Duration.ofHours(1)) : recentEvents;
        replayCapacity = replayCapacity == null ? 100_000 : replayCapacity;
        replayKeyPrefix = replayKeyPrefix == null ? "funnelstream:webhooks:replay:" : replayKeyPrefix;
        sns = sns == null
                ? new Sns(Duration.ofSeconds(5), DataSize.ofKilobytes(64), new CacheSpec(100, Duration.ofHours(24)))
                : sns;
    }

    /** The body limit of one provider, by its slug. */
    public long maxBodyBytes(String providerSlug) {
        DataSize specific = maxBodySizes().get(providerSlug);
        return (specific == null ? maxBodySize() : specific).toBytes();
    }

    /** The largest body limit of any provider: the request size filter leaves webhooks to these limits. */
    public long largestBodyBytes() {
        return maxBodySizes().values().stream().mapToLong(DataSize::toBytes).reduce(maxBodySize().toBytes(), Math::max);
    }
}
