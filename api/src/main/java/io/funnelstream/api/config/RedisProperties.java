package io.funnelstream.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis, used by the production profile for rolling aggregates ({@code funnelstream.redis.*}).
 *
 * @param url a Lettuce URI, {@code redis://[user:password@]host:port[/database]} or {@code rediss://} for TLS
 * @param commandTimeout how long one command may take
 * @param healthTimeout how long the health check's PING may take before Redis counts as down
 * @param rollupKeyPrefix the first segment of every rollup key ({@code fs}); instances sharing a Redis for
 *     different deployments, or tests, keep their rollups apart with their own
 */
@ConfigurationProperties("funnelstream.redis")
public record RedisProperties(String url, Duration commandTimeout, Duration healthTimeout, String rollupKeyPrefix) {

    /** Never shows credentials embedded in the URL. */
    @Override
    public String toString() {
        return "RedisProperties[url=" + url.replaceFirst("//[^@/]*@", "//***@") + ", commandTimeout=" + commandTimeout
                + ", healthTimeout=" + healthTimeout + ", rollupKeyPrefix=" + rollupKeyPrefix + "]";
    }
}
