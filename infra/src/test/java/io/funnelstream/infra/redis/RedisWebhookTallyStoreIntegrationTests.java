package io.funnelstream.infra.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.alert.TenantMinute;
import io.funnelstream.engine.alert.WebhookCounts;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Webhook requests per tenant minute in Redis, added to by several instances and read over a window. */
class RedisWebhookTallyStoreIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Instant NOW = Instant.parse("2026-11-25T10:00:30Z");

    final LocalRedis redis = LocalRedis.connect();
    final RedisWebhookTallyStore one =
            new RedisWebhookTallyStore(redis.connection().reactive(), redis.prefix() + ":", Duration.ofHours(2));
    final RedisWebhookTallyStore two =
            new RedisWebhookTallyStore(redis.connection().reactive(), redis.prefix() + ":", Duration.ofHours(2));
    final TenantId tenant = TenantId.random();

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void shouldSumWhatEveryInstanceAddedWithinTheWindow() {
        StepVerifier.create(one.add(Map.of(new TenantMinute(tenant, NOW), new WebhookCounts(10, 1),
                        new TenantMinute(tenant, NOW.minusSeconds(3_600)), new WebhookCounts(4, 4),
                        new TenantMinute(TenantId.random(), NOW), new WebhookCounts(9, 9))))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(two.add(Map.of(new TenantMinute(tenant, NOW), new WebhookCounts(5, 0))))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(two.read(tenant, NOW.minusSeconds(1_800), NOW.plusSeconds(60)))
                .expectNext(new WebhookCounts(15, 1))
                .expectComplete().verify(TIMEOUT);
        StepVerifier.create(one.read(tenant, NOW.minusSeconds(3_630), NOW.plusSeconds(60)))
                .expectNext(new WebhookCounts(19, 5))
                .expectComplete().verify(TIMEOUT);
        long ttl = redis.connection().sync().ttl(one.key(tenant, NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES)));
        assertThat(ttl).isBetween(7_000L, 7_200L);
    }
}
