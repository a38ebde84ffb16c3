package io.funnelstream.api.config;

import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** Where rollups live: this process's memory in the embedded default (rebuilt at every start), Redis in production. */
@Configuration(proxyBeanMethods = false)
public class RollupStoreConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Profile("!" + Profiles.PRODUCTION)
    static class Embedded {

        @Bean
        InMemoryRollupStore rollupStore(Clock clock) {
            return new InMemoryRollupStore(clock);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Profile(Profiles.PRODUCTION)
    static class Production {

        @Bean
        RedisRollupStore rollupStore(StatefulRedisConnection<String, String> redisConnection,
                RedisProperties properties, Clock clock) {
            return new RedisRollupStore(redisConnection.reactive(),
                    RedisRollupSettings.DEFAULT.withKeyPrefix(properties.rollupKeyPrefix()), clock);
        }
    }
}
