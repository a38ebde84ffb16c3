package io.funnelstream.api.config;

import io.funnelstream.api.health.RedisHealthIndicator;
import io.funnelstream.infra.redis.RedisClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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
        client.setOptions(RedisClientOptions.atMostOnce(properties.commandTimeout()));
        return client;
    }

    /**
     * Connects at startup: a production service without its Redis fails fast instead of half-starting. The one
     * connection for commands; pub/sub subscribers hold connections of their own.
     */
    @Bean(destroyMethod = "close")
    @Primary
    StatefulRedisConnection<String, String> redisConnection(RedisClient client) {
        return client.connect();
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(
            StatefulRedisConnection<String, String> redisConnection, RedisProperties properties) {
        return new RedisHealthIndicator(redisConnection, properties.healthTimeout());
    }
}
