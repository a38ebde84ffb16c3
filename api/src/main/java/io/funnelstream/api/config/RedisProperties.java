package io.funnelstream.api.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis, used by the production profile for rolling aggregates ({@code funnelstream.redis.*}).
 *
 * @param url a Lettuce URI, {@code redis://[user:password@]host:port[/database]} or {@code rediss://} for TLS
 * @param commandTimeout how long one command may take
 * @param healthTimeout how long the health check's PING may take before Redis counts as down
 */
@ConfigurationProperties("funnelstream.redis")
public record RedisProperties(String url, Duration commandTimeout, Duration healthTimeout) {

    /** Never shows credentials embedded in the URL. */
    @Override
    public String toString() {
        return "RedisProperties[url=" + url.replaceFirst("//[^@/]*@", "//***@") + ", commandTimeout=" + commandTimeout
                + ", healthTimeout=" + healthTimeout + "]";
    }
}
