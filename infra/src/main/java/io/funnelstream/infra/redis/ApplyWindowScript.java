package io.funnelstream.infra.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The script that applies one tenant's part of a window in one round trip, atomically: unless a rebuild of the
 * tenant is under way (answer {@value #REBUILDING}), or the window's marker exists already or a rebuild covered
 * its offsets (answer {@value #SKIPPED}), it sets the marker (with an expiry), adds every increment, drops
 * counters that reach 0, stamps each hash with the call's version (field {@code ~v}, see {@link RedisRollupStore}),
 * sets each hash's expiry, and raises the tenant's applied offset (answer {@value #APPLIED}).
 * Run as a {@link LuaScript}.
 */
final class ApplyWindowScript {

    static final String SOURCE = """
            -- KEYS[1] window marker, KEYS[2] tenant meta hash, KEYS[3..] rollup hashes
            -- ARGV[1] marker ttl (s), ARGV[2] partition, ARGV[3] the window's last offset, ARGV[4] a version
            -- unique to this call, then per rollup hash: expire-at (unix s), n, and n pairs of field and increment
            if redis.call('HEXISTS', KEYS[2], 'rebuilding') == 1 then
              return 2
            end
            local covered = redis.call('HGET', KEYS[2], 'covered:' .. ARGV[2])
            if covered and tonumber(covered) >= tonumber(ARGV[3]) then
              return 0
            end
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
              return 0
            end
            local a = 5
            for k = 3, #KEYS do
              local expireAt = ARGV[a]
              local n = tonumber(ARGV[a + 1])
              a = a + 2
              for i = 1, n do
                if redis.call('HINCRBY', KEYS[k], ARGV[a], ARGV[a + 1]) == 0 then
                  redis.call('HDEL', KEYS[k], ARGV[a])
                end
                a = a + 2
              end
              redis.call('HSET', KEYS[k], '~v', ARGV[4])
              redis.call('EXPIREAT', KEYS[k], expireAt)
            end
            local applied = redis.call('HGET', KEYS[2], 'applied:' .. ARGV[2])
            if not applied or tonumber(applied) < tonumber(ARGV[3]) then
              redis.call('HSET', KEYS[2], 'applied:' .. ARGV[2], ARGV[3])
            end
            return 1
            """;

    private static final LuaScript SCRIPT = new LuaScript(SOURCE);

    static final String SHA = SCRIPT.sha();

    static final long SKIPPED = 0;
    static final long APPLIED = 1;
    static final long REBUILDING = 2;

    private ApplyWindowScript() {}

    /** Runs the script; emits its answer: {@link #APPLIED}, {@link #SKIPPED} or {@link #REBUILDING}. */
    static Mono<Long> run(RedisClusterReactiveCommands<String, String> redis, List<String> keys, List<String> args) {
        return SCRIPT.<Long>run(redis, ScriptOutputType.INTEGER, keys, args).next();
    }
}
