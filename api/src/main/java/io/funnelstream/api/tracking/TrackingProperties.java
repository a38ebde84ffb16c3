package io.funnelstream.api.tracking;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Survey funnel tracking ({@code funnelstream.tracking.*}).
 *
 * @param keys tracking token keys, {@code <kid>:<base64 secret of >= 32 bytes>}; the first (or {@code primary})
 *     signs, all verify; empty: the key in {@code keyFile}
 * @param keyFile the file holding the signing key (base64, 32 bytes) when no keys are set, created on first start
 * @param primary the key id that signs new tokens
 * @param tokenLifetime how long a minted tracking link stays valid
 * @param abandonmentTimeout inactivity after a start that counts as an abandonment
 * @param allowedOrigins origins survey pages are served from ({@code *}: any)
 * @param maxBodySize the largest beacon body
 * @param maxClockSkew how far a page's event time may lie from ours and still be taken (else ours is used)
 * @param maxEventAge how old a page's event time may be and still be taken (queued retries)
 * @param perToken the rate limit of one tracking token
 * @param perAddress the rate limit of one client address
 * @param trustForwardedFor take the client address from {@code X-Forwarded-For} (behind a trusted proxy only)
 * @param appendTimeout how long an answer may wait for the event log before it is 503
 * @param retryAfter the {@code Retry-After} of a 503
 * @param optOutCacheTtl how long a recipient's recorded opt-out is cached
 * @param recentEvents how many recently appended events are remembered to answer replays at the edge
 */
@ConfigurationProperties("funnelstream.tracking")
public record TrackingProperties(
        @Nullable List<String> keys,
        @Nullable String keyFile,
        @Nullable String primary,
        @Nullable Duration tokenLifetime,
        @Nullable Duration abandonmentTimeout,
        @Nullable List<String> allowedOrigins,
        @Nullable DataSize maxBodySize,
        @Nullable Duration maxClockSkew,
        @Nullable Duration maxEventAge,
        @Nullable Limit perToken,
        @Nullable Limit perAddress,
        boolean trustForwardedFor,
        @Nullable Duration appendTimeout,
        @Nullable Duration retryAfter,
        @Nullable Duration optOutCacheTtl,
        @Nullable Long recentEvents) {

    /**
     * A token bucket: {@code capacity} requests at once, refilled at {@code perSecond}.
     */
    public record Limit(long capacity, double perSecond) {}

    public TrackingProperties {
        keys = keys == null ? List.of() : List.copyOf(keys);
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(90) : tokenLifetime;
        abandonmentTimeout = abandonmentTimeout == null ? Duration.ofMinutes(30) : abandonmentTimeout;
        allowedOrigins = allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(8) : maxBodySize;
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(1) : maxClockSkew;
        maxEventAge = maxEventAge == null ? Duration.ofHours(1) : maxEventAge;
        perToken = perToken == null ? new Limit(60, 1) : perToken;
        perAddress = perAddress == null ? new Limit(600, 100) : perAddress;
        appendTimeout = appendTimeout == null ? Duration.ofSeconds(10) : appendTimeout;
        retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
        optOutCacheTtl = optOutCacheTtl == null ? Duration.ofMinutes(1) : optOutCacheTtl;
        recentEvents = recentEvents == null ? 200_000L : recentEvents;
    }

    @Override
    public String toString() {
        return "TrackingProperties[keys=" + (keys == null ? 0 : keys.size()) + ", primary=" + primary + "]";
    }
}
