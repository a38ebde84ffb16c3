package io.funnelstream.infra.redis;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.Counter;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rollups in Redis, one hash per rollup (layout in {@link RedisRollupKeys}), through Lettuce's reactive API
 * on a standalone or cluster connection with a UTF-8 string codec.
 *
 * <p>A window is applied by one script per tenant ({@link ApplyWindowScript}): all its increments in one
 * round trip, atomically, exactly once while its marker lives ({@link RedisRollupSettings#windowMemory()}).
 * Reads ask the versions of a request's buckets first and read whole only those that changed (see
 * {@link #readAll}). Rollups expire at their bucket's end plus the
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
            args.add(newVersion());
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
     * Reads every bucket of every query, and only what changed since this store last read it: every write stamps the
     * hashes it touches with a version of its own (field {@value #VERSION}: the apply script per window call, a
     * rebuild per rebuild), so one script call per tenant asks the versions of all the request's buckets (small
     * answers), and only buckets whose version differs from the one remembered are read whole, in one pipeline
     * ({@link RedisRollupSettings#concurrency()} at a time, each hash streamed straight into its counts). Exact
     * across instances: a version changes with every write, wherever it was made. Buckets past their retention are
     * not asked for.
     */
    @Override
    public Mono<List<RollupSnapshot>> readAll(List<RollupQuery> queries) {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            Map<TenantId, Set<RollupKey>> byTenant = new LinkedHashMap<>();
            for (RollupQuery query : queries) {
                for (RollupKey key : query.keys()) {
                    if (!settings.retention().isExpired(key, now)) {
                        byTenant.computeIfAbsent(key.tenant(), t -> new LinkedHashSet<>()).add(key);
                    }
                }
            }
            List<List<RollupKey>> calls = new ArrayList<>();
            byTenant.values().forEach(tenantKeys -> {
                List<RollupKey> all = List.copyOf(tenantKeys);
                for (int i = 0; i < all.size(); i += VERSION_CHUNK) {
                    calls.add(all.subList(i, Math.min(all.size(), i + VERSION_CHUNK)));
                }
            });
            return Flux.fromIterable(calls)
                    .flatMap(this::versions, settings.concurrency())
                    .flatMapIterable(Map::entrySet)
                    .flatMap(found -> current(found.getKey(), found.getValue()), settings.concurrency())
                    .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                    .map(found -> queries.stream().map(query -> snapshot(query, found)).toList());
        });
    }

    /** Hashes read whole so far (not answered from what was remembered): for tests and metrics. */
    long hashesRead() {
        return hashesRead.sum();
    }

    /** The field that holds a rollup hash's version; never a counter. */
    static final String VERSION = "~v";

    private static final int VERSION_CHUNK = 1_000;
    private static final String ABSENT = "-";

    private static final LuaScript VERSIONS = new LuaScript("""
            -- KEYS: rollup hashes; answers, in order, each one's version: '-' when it does not exist,
            -- '' when it has none (written before versions)
            local out = {}
            for i = 1, #KEYS do
              if redis.call('EXISTS', KEYS[i]) == 0 then
                out[i] = '-'
              else
                out[i] = redis.call('HGET', KEYS[i], '~v') or ''
              end
            end
            return out
            """);

    private final LongAdder hashesRead = new LongAdder();
    private final Map<RollupKey, Remembered> remembered = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RollupKey, Remembered> eldest) {
            return size() > settings.rememberedHashes();
        }
    };

    private record Remembered(String version, Counts counts) {}

    private Mono<Map<RollupKey, String>> versions(List<RollupKey> bucketKeys) {
        List<String> names = bucketKeys.stream().map(keys::rollup).toList();
        return VERSIONS.<Object>run(redis, ScriptOutputType.MULTI, names, List.of())
                .collectList()
                .map(answer -> {
                    List<?> versions = answer.size() == 1 && answer.getFirst() instanceof List<?> whole ? whole
                            : answer;
                    if (versions.size() != bucketKeys.size()) {
                        throw new IllegalStateException(
                                "asked " + bucketKeys.size() + " versions, Redis answered " + versions.size());
                    }
                    Map<RollupKey, String> out = new LinkedHashMap<>();
                    for (int i = 0; i < versions.size(); i++) {
                        out.put(bucketKeys.get(i), String.valueOf(versions.get(i)));
                    }
                    return out;
                });
    }

    /** The bucket's counts at (at least) {@code version}: remembered if that version was read already. */
    private Mono<Map.Entry<RollupKey, Counts>> current(RollupKey key, String version) {
        if (version.equals(ABSENT)) {
            return Mono.empty();
        }
        if (!version.isEmpty()) {
            Remembered known;
            synchronized (remembered) {
                known = remembered.get(key);
            }
            if (known != null && known.version().equals(version)) {
                return known.counts().isEmpty() ? Mono.empty() : Mono.just(Map.entry(key, known.counts()));
            }
        }
        Map<String, Long> values = new HashMap<>();
        hashesRead.increment();
        return redis.hgetall((field, value) -> {
                    if (!field.equals(VERSION)) {
                        values.put(Counter.canonical(field), Long.parseLong(value));
                    }
                }, keys.rollup(key))
                .flatMap(fields -> {
                    Counts counts = values.isEmpty() ? Counts.empty() : Counts.of(values);
                    // The hash read is at least as new as the version asked before it: remembering it under that
                    // version can only cause a needless read later, never a stale answer.
                    if (!version.isEmpty()) {
                        synchronized (remembered) {
                            remembered.put(key, new Remembered(version, counts));
                        }
                    }
                    return counts.isEmpty() ? Mono.empty() : Mono.just(Map.entry(key, counts));
                });
    }

    private static String newVersion() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
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
            String version = newVersion();
            return redis.hset(meta, "rebuilding", Long.toString(now.toEpochMilli()))
                    .then(unlinkMatching(keys.rollupPattern(tenant)))
                    .then(unlinkMatching(keys.windowPattern(tenant)))
                    .thenMany(Flux.fromIterable(fullState.rollups().entrySet())
                            .filter(e -> !settings.retention().isExpired(e.getKey(), now))
                            .flatMap(e -> write(e.getKey(), e.getValue(), version), settings.concurrency()))
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

    private Mono<Void> write(RollupKey key, Counts counts, String version) {
        String redisKey = keys.rollup(key);
        Map<String, String> fields = new HashMap<>();
        counts.values().forEach((counter, value) -> fields.put(counter, Long.toString(value)));
        fields.put(VERSION, version);
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
