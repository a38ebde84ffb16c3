package io.funnelstream.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a Redis and a key prefix of its own, and deletes the class's keys afterwards (SCAN MATCH
 * prefix* and UNLINK). Register it as a static field:
 * {@code @RegisterExtension static final RedisTestKeys redis = new RedisTestKeys();}.
 *
 * <p>The Redis is the local one on 127.0.0.1:6379 (or {@code FS_TEST_REDIS_URL}); only when none answers and a
 * Docker engine exists is one started in a container, once per JVM.
 */
public final class RedisTestKeys implements BeforeAllCallback, AfterAllCallback {

    private @Nullable RedisURI uri;
    private @Nullable String prefix;

    @Override
    public void beforeAll(ExtensionContext context) {
        uri = RedisTestServer.uri();
        String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        prefix = "test:" + owner + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @Override
    public void afterAll(ExtensionContext context) {
        deleteKeys(uri(), prefix());
    }

    /** Where Redis answers. */
    public RedisURI uri() {
        RedisURI u = uri;
        if (u == null) {
            throw new IllegalStateException("RedisTestKeys must be a static @RegisterExtension field");
        }
        return u;
    }

    /** The prefix every key of this class starts with, e.g. {@code test:myclasstests:1a2b3c4d:}. */
    public String prefix() {
        String p = prefix;
        if (p == null) {
            throw new IllegalStateException("RedisTestKeys must be a static @RegisterExtension field");
        }
        return p;
    }

    /** {@code prefix() + suffix}. */
    public String key(String suffix) {
        return prefix() + suffix;
    }

    /** Unlinks every key that starts with {@code prefix}; returns how many were unlinked. */
    static long deleteKeys(RedisURI uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
            long deleted = 0;
            KeyScanCursor<String> cursor = redis.scan(match);
            while (true) {
                if (!cursor.getKeys().isEmpty()) {
                    deleted += redis.unlink(cursor.getKeys().toArray(String[]::new));
                }
                if (cursor.isFinished()) {
                    return deleted;
                }
                cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
