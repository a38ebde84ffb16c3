package io.funnelstream.benchmarks.rollup;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupWindows;
import io.funnelstream.engine.rollup.Window;
import io.funnelstream.infra.redis.RedisRollupSettings;
import io.funnelstream.infra.redis.RedisRollupStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Applies windows to a real Redis and reports windows/s, changes/s and the latency of one window's apply.
 * Windows are built beforehand, so only the store is measured. Keys go under a prefix of their own, removed
 * at the end.
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.rollup.RedisRollupHarness
 *     [windows=200] [changesPerWindow=5000] [tenants=4] [concurrency=4] [spreadSeconds=60]
 *     [redis=redis://127.0.0.1:6379]}</pre>
 */
public final class RedisRollupHarness {

    private static final int WARM_UP = 10;

    private RedisRollupHarness() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        int windows = Integer.parseInt(options.getOrDefault("windows", "200"));
        int perWindow = Integer.parseInt(options.getOrDefault("changesPerWindow", "5000"));
        int tenants = Integer.parseInt(options.getOrDefault("tenants", "4"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "4"));
        int spread = Integer.parseInt(options.getOrDefault("spreadSeconds", "60"));
        String prefix = "fs-bench-" + System.nanoTime();
        RedisClient client = RedisClient.create(options.getOrDefault("redis", "redis://127.0.0.1:6379"));
        client.setOptions(ClientOptions.builder()
                .maintNotificationsConfig(MaintNotificationsConfig.disabled())
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisRollupStore store = new RedisRollupStore(connection.reactive(),
                    RedisRollupSettings.DEFAULT.withKeyPrefix(prefix), Clock.systemUTC());
            List<Window> prepared = prepare(WARM_UP + windows, perWindow, tenants, spread);
            run(store, prepared.subList(0, WARM_UP), concurrency, "warm-up");
            Histogram latency = run(store, prepared.subList(WARM_UP, prepared.size()), concurrency, "measured");
            System.out.printf("per window apply (all tenants): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                    latency.getMaxValue() / 1e3);
            System.out.printf("keys written: %d%n", deleteKeys(connection, prefix));
        } finally {
            client.shutdown();
        }
    }

    private static List<Window> prepare(int windows, int perWindow, int tenants, int spread) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        SyntheticChanges source = new SyntheticChanges(7, tenants, base, spread);
        List<Window> out = new ArrayList<>(windows);
        for (int w = 0; w < windows; w++) {
            List<Change> changes = source.next(perWindow, "events-0", (long) w * perWindow);
            out.add(RollupWindows.window(changes));
        }
        return out;
    }

    private static Histogram run(RedisRollupStore store, List<Window> windows, int concurrency, String label) {
        Histogram latency = new Histogram(3);
        long changes = windows.stream().mapToLong(Window::changes).sum();
        long increments = windows.stream().mapToLong(w -> w.delta().increments()).sum();
        long start = System.nanoTime();
        Long applied = Flux.fromIterable(windows)
                .flatMap(w -> timed(applyAll(store, w), latency), concurrency)
                .reduce(0L, Long::sum)
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d windows (%d tenant applications, %d changes, %d increments) in %.2f s: "
                        + "%.0f windows/s, %.0f changes/s, %.0f increments/s%n",
                label, windows.size(), applied, changes, increments, seconds, windows.size() / seconds,
                changes / seconds, increments / seconds);
        return latency;
    }

    private static Mono<Long> applyAll(RedisRollupStore store, Window window) {
        Map<TenantId, RollupDelta> parts = window.byTenant();
        return Flux.fromIterable(parts.entrySet())
                .flatMap(e -> store.apply(e.getKey(), window.id(), e.getValue()), parts.size() + 1)
                .filter(Boolean::booleanValue)
                .count();
    }

    private static <T> Mono<T> timed(Mono<T> call, Histogram latency) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return call.doOnSuccess(v -> latency.recordValue((System.nanoTime() - start) / 1_000));
        });
    }

    private static long deleteKeys(StatefulRedisConnection<String, String> connection, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(1_000))
                .forEachRemaining(keys::add);
        for (int i = 0; i < keys.size(); i += 500) {
            connection.sync().unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
        }
        return keys.size();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected name=value, got " + arg);
            }
            out.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return out;
    }
}
