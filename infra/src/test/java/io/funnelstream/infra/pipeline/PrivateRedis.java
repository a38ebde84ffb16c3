package io.funnelstream.infra.pipeline;

import io.funnelstream.infra.redis.RedisClientOptions;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A redis-server of this test's own, without persistence, on a port of its own: it can be stopped (what a crash of
 * Redis looks like to its clients), started again empty on the same port, and flushed, without touching the Redis
 * other tests share.
 */
final class PrivateRedis implements AutoCloseable {

    private final int port = freePort();

    int port() {
        return port;
    }
    private final Path dir;
    private @Nullable Process process;
    private final RedisClient client;
    private @Nullable StatefulRedisConnection<String, String> connection;

    PrivateRedis() {
        try {
            this.dir = Files.createTempDirectory("fs-redis");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
        RedisURI uri = RedisURI.create("127.0.0.1", port);
        uri.setTimeout(Duration.ofSeconds(1));
        client = RedisClient.create(uri);
        client.setOptions(RedisClientOptions.atMostOnce(Duration.ofSeconds(1)));
    }

    static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/redis-server"));
    }

    /** A store on this Redis, over one auto-reconnecting connection. */
    RedisRollupStore store() {
        if (connection == null) {
            connection = client.connect();
        }
        return new RedisRollupStore(connection.reactive(), RedisRollupSettings.DEFAULT.withKeyPrefix("fs"),
                Clock.systemUTC());
    }

    void start() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PipelineFixture.await("redis-server on " + port, this::answers);
    }

    void ensureRunning() {
        if (process == null || !process.isAlive()) {
            start();
        }
    }

    /** Kills the server: its data is gone (no persistence). */
    void stop() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    void flushAll() {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
        }
    }

    private boolean answers() {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            return s.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        stop();
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
