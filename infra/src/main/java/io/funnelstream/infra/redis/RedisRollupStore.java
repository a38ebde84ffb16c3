package io.funnelstream.infra.redis;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanStream;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rollups in Redis, one hash per rollup (layout in {@link RedisRollupKeys}), through Lettuce's reactive API
 * on a standalone or cluster connection with a UTF-8 string codec.
 *
 * <p>A window is applied by one script per tenant ({@link ApplyWindowScript}): all its increments in one
 * round trip, atomically, exactly once while its marker lives ({@link RedisRollupSettings#windowMemory()}).
 * Reads pipeline one HGETALL per bucket of the request. Rollups expire at their bucket's end plus the
 * retention of their size; increments for buckets already expired are not written.
 */
public final class RedisRollupStore implements RollupStore {

    private final RedisClusterReactiveCommands<String, String> redis;
    private final RedisRollupSettings settings;
    private final RedisRollupKeys keys;
    private final Clock clock;

    public RedisRollupStore(
            RedisClusterReactiveCommands<String, String> redis, RedisRollupSettings settings, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = new RedisRollupKeys(settings.keyPrefix());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        return Mono.defer(() -> {
            requireOnlyTenant(tenant, delta);
            List<String> scriptKeys = new ArrayList<>(delta.rollups().size() + 2);
            List<String> args = new ArrayList<>(3 + 2 * delta.rollups().size() + 2 * delta.increments());
            scriptKeys.add(keys.window(tenant, window));
            scriptKeys.add(keys.meta(tenant));
            args.add(Long.toString(settings.windowMemory().toSeconds()));
            args.add(window.partition());
            args.add(Long.toString(window.lastOffset()));
            Instant now = clock.instant();
            RollupRetention retention = settings.retention();
            delta.rollups().forEach((key, counts) -> {
                if (!retention.isExpired(key, now)) {
                    scriptKeys.add(keys.rollup(key));
                    args.add(Long.toString(retention.expiresAt(key).getEpochSecond()));
                    args.add(Integer.toString(counts.values().size()));
                    counts.values().forEach((counter, amount) -> {
                        args.add(counter);
                        args.add(Long.toString(amount));
                    });
                }
            });
            return ApplyWindowScript.run(redis, scriptKeys, args).flatMap(answer ->
                    answer == ApplyWindowScript.REBUILDING
                            ? Mono.error(new RollupRebuildInProgressException(tenant))
                            : Mono.just(answer == ApplyWindowScript.APPLIED));
        });
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        return readAll(List.of(query)).map(List::getFirst);
    }

    /**
     * Reads every bucket of every query in one pipeline: all HGETALLs of the request are on the wire together,
     * {@link RedisRollupSettings#concurrency()} at a time, each hash streamed straight into its counts. (A script
     * answering them all in one reply was measured slower: Redis converts every field to Lua and back.) Buckets
     * past their retention are not asked for.
     */
    @Override
    public Mono<List<RollupSnapshot>> readAll(List<RollupQuery> queries) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Set<RollupKey> wanted = new LinkedHashSet<>();
            for (RollupQuery query : queries) {
                for (RollupKey key : query.keys()) {
                    if (!settings.retention().isExpired(key, now)) {
                        wanted.add(key);
                    }
                }
            }
            return Flux.fromIterable(wanted)
                    .flatMap(this::readBucket, settings.concurrency())
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .map(found -> queries.stream().map(query -> snapshot(query, found)).toList());
        });
    }

    private Mono<Map.Entry<RollupKey, Counts>> readBucket(RollupKey key) {
        Map<String, Long> values = new HashMap<>();
        return redis.hgetall((field, value) -> values.put(field, Long.parseLong(value)), keys.rollup(key))
                .filter(fields -> fields > 0)
                .map(fields -> Map.entry(key, Counts.of(values)));
    }

    private static RollupSnapshot snapshot(RollupQuery query, Map<RollupKey, Counts> found) {
        TreeMap<Instant, Counts> buckets = new TreeMap<>();
        for (RollupKey key : query.keys()) {
            Counts counts = found.get(key);
            if (counts != null) {
                buckets.put(key.bucketStart(), counts);
            }
        }
        return new RollupSnapshot(query, buckets);
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return Mono.defer(() -> {
            requireOnlyTenant(tenant, fullState);
            String meta = keys.meta(tenant);
            Instant now = clock.instant();
            Map<String, String> newMeta = new HashMap<>();
            coveredUpTo.forEach((partition, offset) -> {
                newMeta.put("covered:" + partition, Long.toString(offset));
                newMeta.put("applied:" + partition, Long.toString(offset));
            });
            newMeta.put("rebuilt_at", Long.toString(now.toEpochMilli()));
            return redis.hset(meta, "rebuilding", Long.toString(now.toEpochMilli()))
                    .then(unlinkMatching(keys.rollupPattern(tenant)))
                    .then(unlinkMatching(keys.windowPattern(tenant)))
                    .thenMany(Flux.fromIterable(fullState.rollups().entrySet())
                            .filter(e -> !settings.retention().isExpired(e.getKey(), now))
                            .flatMap(e -> write(e.getKey(), e.getValue()), settings.concurrency()))
                    .then(replaceMeta(meta, newMeta));
        });
    }

    /** Marks the rebuild begun: the apply script refuses the tenant's windows until {@link #replaceAll} ends. */
    @Override
    public Mono<Void> beginRebuild(TenantId tenant) {
        return redis.hset(keys.meta(tenant), "rebuilding", Long.toString(clock.instant().toEpochMilli())).then();
    }

    /**
     * Replaces the meta hash in one step (a script, so atomic): no window can slip in between the old meta going
     * and the new covered offsets arriving, nor see the rebuild mark gone before them.
     */
    private Mono<Void> replaceMeta(String meta, Map<String, String> fields) {
        List<String> args = new ArrayList<>(fields.size() * 2);
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        String[] keys = {meta};
        return redis.<Long>eval(REPLACE_META, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new)).then();
    }

    private static final String REPLACE_META = """
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], unpack(ARGV))
            return 1
            """;

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return redis.hgetall(keys.meta(tenant))
                .collectMap(KeyValue::getKey, KeyValue::getValue)
                .map(RedisRollupStore::toMark);
    }

    private Mono<Void> write(RollupKey key, Counts counts) {
        String redisKey = keys.rollup(key);
        Map<String, String> fields = new HashMap<>();
        counts.values().forEach((counter, value) -> fields.put(counter, Long.toString(value)));
        return redis.hset(redisKey, fields)
                .then(redis.expireat(redisKey, settings.retention().expiresAt(key).getEpochSecond()))
                .then();
    }

    private Mono<Void> unlinkMatching(String pattern) {
        return ScanStream.scan(redis, ScanArgs.Builder.matches(pattern).limit(1_000))
                .buffer(500)
                .flatMap(batch -> redis.unlink(batch.toArray(String[]::new)), 4)
                .then();
    }

    private static RollupMark toMark(Map<String, String> meta) {
        Map<String, Long> applied = new HashMap<>();
        meta.forEach((field, value) -> {
            if (field.startsWith("applied:")) {
                applied.put(field.substring("applied:".length()), Long.parseLong(value));
            }
        });
        String rebuiltAt = meta.get("rebuilt_at");
        return new RollupMark(
                applied,
                rebuiltAt == null ? null : Instant.ofEpochMilli(Long.parseLong(rebuiltAt)),
                meta.containsKey("rebuilding"));
    }

    private static void requireOnlyTenant(TenantId tenant, RollupDelta delta) {
        for (TenantId other : delta.tenants()) {
            if (!other.equals(tenant)) {
                throw new IllegalArgumentException("delta for " + tenant + " touches rollups of " + other);
            }
        }
    }
}
