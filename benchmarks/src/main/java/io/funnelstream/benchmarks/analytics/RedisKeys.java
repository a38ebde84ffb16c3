package io.funnelstream.benchmarks.analytics;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;

/** Removes the benchmark's keys from Redis. */
final class RedisKeys {

    private RedisKeys() {}

    static long delete(StatefulRedisConnection<String, String> connection, String prefix) {
        List<String> keys = new ArrayList<>();
        ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(prefix + ":*").limit(1_000))
                .forEachRemaining(keys::add);
        for (int i = 0; i < keys.size(); i += 500) {
            connection.sync().unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
        }
        return keys.size();
    }
}
