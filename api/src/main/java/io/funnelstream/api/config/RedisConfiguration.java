package io.funnelstream.api.config;

import io.funnelstream.api.health.RedisHealthIndicator;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Redis through Lettuce, used directly (no Spring Data): one client and one shared, thread-safe, auto-reconnecting
 * connection. Adapters take {@code connection.reactive()}.
 */
@Configuration(proxyBeanMethods = false)
@Profile(Profiles.PRODUCTION)
@EnableConfigurationProperties(RedisProperties.class)
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedisClient redisClient(RedisProperties properties) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.commandTimeout());
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                // Lettuce 7 asks for CLIENT MAINT_NOTIFICATIONS on connect, which Redis 7.0 refuses.
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
        return client;
    }

    /** Connects at startup: a production service without its Redis fails fast instead of half-starting. */
    @Bean(destroyMethod = "close")
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(
            StatefulRedisConnection<String, String> redisConnection, RedisProperties properties) {
        return new RedisHealthIndicator(redisConnection, properties.healthTimeout());
    }
}
