package io.funnelstream.testkit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Finds the Redis the tests use: the local one, or else a container started once per JVM. */
final class RedisTestServer {

    private static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static @Nullable RedisURI resolved;
    private static @Nullable GenericContainer<?> container;

    private RedisTestServer() {}

    static synchronized RedisURI uri() {
        RedisURI u = resolved;
        if (u == null) {
            u = resolve();
            resolved = u;
        }
        return u;
    }

    private static RedisURI resolve() {
        String configured = System.getenv("FS_TEST_REDIS_URL");
        RedisURI local = RedisURI.create(configured == null || configured.isBlank() ? DEFAULT_URL : configured);
        local.setTimeout(Duration.ofSeconds(2));
        if (answers(local)) {
            return local;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("no Redis answers at " + local + " and no Docker engine to start one");
        }
        return startContainer();
    }

    static boolean answers(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } catch (RuntimeException e) {
            return false;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' own reaper at JVM exit
    private static RedisURI startContainer() {
        GenericContainer<?> redis =
                new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
        redis.start();
        container = redis;
        return RedisURI.create(redis.getHost(), redis.getMappedPort(6379));
    }
}
