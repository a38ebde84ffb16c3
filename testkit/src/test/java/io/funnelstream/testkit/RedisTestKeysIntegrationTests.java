package io.funnelstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisTestKeysIntegrationTests {

    @RegisterExtension
    static final RedisTestKeys redis = new RedisTestKeys();

    @Test
    void shouldDeleteOnlyKeysUnderThePrefix() {
        String other = "test:elsewhere:" + System.nanoTime();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            for (int i = 0; i < 1200; i++) {
                commands.set(redis.key("k" + i), "v");
            }
            commands.set(other, "keep");

            long deleted = RedisTestKeys.deleteKeys(redis.uri(), redis.prefix());

            assertThat(deleted).isEqualTo(1200);
            assertThat(commands.exists(redis.key("k0"), redis.key("k1199"))).isZero();
            assertThat(commands.get(other)).isEqualTo("keep");
            commands.unlink(other);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Test
    void shouldGiveEachClassItsOwnPrefix() {
        assertThat(redis.prefix()).startsWith("test:redistestkeysintegrationtests:").endsWith(":");
        assertThat(RedisTestServer.answers(redis.uri())).isTrue();
    }
}
