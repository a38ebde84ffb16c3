package io.funnelstream.infra.redis;

import io.funnelstream.engine.alert.TenantMinute;
import io.funnelstream.engine.alert.WebhookCounts;
import io.funnelstream.engine.alert.WebhookTallyStore;
import io.funnelstream.engine.model.TenantId;
import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Webhook requests per tenant and minute, shared by every instance: one hash per tenant minute,
 * {@code <prefix><tenant>:<epoch minute>} with fields {@code requests} and {@code failures}, added to with HINCRBY
 * and expiring {@code retention} after it was last written.
 */
public final class RedisWebhookTallyStore implements WebhookTallyStore {

    /** The prefix, unless a deployment (or a test) gives another. */
    public static final String DEFAULT_PREFIX = "fs:webhooks:tally:";

    private static final String REQUESTS = "requests";
    private static final String FAILURES = "failures";
    private static final int CONCURRENCY = 16;

    private final RedisClusterReactiveCommands<String, String> redis;
    private final String prefix;
    private final Duration retention;

    public RedisWebhookTallyStore(RedisClusterReactiveCommands<String, String> redis, String prefix,
            Duration retention) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    @Override
    public Mono<Void> add(Map<TenantMinute, WebhookCounts> counts) {
        return Flux.fromIterable(counts.entrySet())
                .flatMap(e -> {
                    String key = key(e.getKey().tenant(), e.getKey().minute());
                    Mono<Long> failures = e.getValue().failures() == 0
                            ? Mono.just(0L)
                            : redis.hincrby(key, FAILURES, e.getValue().failures());
                    return redis.hincrby(key, REQUESTS, e.getValue().requests())
                            .then(failures)
                            .then(redis.expire(key, retention));
                }, CONCURRENCY)
                .then();
    }

    @Override
    public Mono<WebhookCounts> read(TenantId tenant, Instant from, Instant to) {
        return Flux.fromIterable(TenantMinute.startsWithin(from, to))
                .flatMap(minute -> redis.hmget(key(tenant, minute), REQUESTS, FAILURES).collectList()
                        .map(RedisWebhookTallyStore::counts), CONCURRENCY)
                .reduce(WebhookCounts.NONE, WebhookCounts::plus);
    }

    String key(TenantId tenant, Instant minute) {
        return prefix + tenant + ":" + minute.getEpochSecond() / 60;
    }

    private static WebhookCounts counts(List<KeyValue<String, String>> fields) {
        long requests = 0;
        long failures = 0;
        for (KeyValue<String, String> field : fields) {
            if (field.hasValue()) {
                long value = Long.parseLong(field.getValue());
                if (field.getKey().equals(REQUESTS)) {
                    requests = value;
                } else {
                    failures = value;
                }
            }
        }
        return new WebhookCounts(Math.max(requests, failures), failures);
    }
}
