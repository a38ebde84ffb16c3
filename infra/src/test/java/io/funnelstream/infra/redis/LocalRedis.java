package io.funnelstream.infra.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The local Redis for integration tests (127.0.0.1:6379, or {@code FS_TEST_REDIS_URL}), with a key prefix per
 * test class and a clean-up that removes every key under it.
 */
final class LocalRedis implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;

    private LocalRedis(RedisClient client, String prefix) {
        this.client = client;
        this.connection = client.connect();
        this.prefix = prefix;
    }

    /** A connection to the local Redis and a fresh prefix {@code fs-test-<hex>}. */
    static LocalRedis connect() {
        String url = System.getenv().getOrDefault("FS_TEST_REDIS_URL", "redis://127.0.0.1:6379");
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        RedisClient client = RedisClient.create(url);
        // Redis 7.0 does not know CLIENT MAINT_NOTIFICATIONS, which Lettuce 7 sends by default and logs failing.
        client.setOptions(ClientOptions.builder()
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
        return new LocalRedis(client, "fs-test-" + HexFormat.of().formatHex(random));
    }

    String prefix() {
        return prefix;
    }

    RedisClient client() {
        return client;
    }

    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** Every key under the prefix. */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(1_000))
                .forEachRemaining(out::add);
        return out;
    }

    /** Removes every key under the prefix (SCAN MATCH prefix:* and UNLINK). */
    void deleteKeys() {
        RedisCommands<String, String> sync = connection.sync();
        List<String> keys = keys();
        for (int i = 0; i < keys.size(); i += 500) {
            sync.unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        try {
            deleteKeys();
        } finally {
            connection.close();
            client.shutdown();
        }
    }
}
