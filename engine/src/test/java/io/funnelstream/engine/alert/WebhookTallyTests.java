package io.funnelstream.engine.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.stream.InProcessRollupChangeFeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Webhook requests counted per tenant and minute, flushed to the store and announced. */
class WebhookTallyTests {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:30Z");
    static final TenantId TENANT = TenantId.random();

    @Test
    void shouldLoseNothingCountedWhileDraining() throws Exception {
        WebhookTally tally = new WebhookTally();
        int threads = 4;
        int each = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    tally.record(TENANT, NOW, i % 10 == 0);
                }
                return null;
            }));
        }
        start.countDown();
        WebhookCounts sum = WebhookCounts.NONE;
        while (done.stream().anyMatch(f -> !f.isDone())) {
            sum = sum.plus(tally.drain().values().stream().reduce(WebhookCounts.NONE, WebhookCounts::plus));
        }
        pool.shutdown();
        sum = sum.plus(tally.drain().values().stream().reduce(WebhookCounts.NONE, WebhookCounts::plus));
        assertThat(sum).isEqualTo(new WebhookCounts((long) threads * each, (long) threads * each / 10));
    }

    @Test
    void shouldSumTheMinutesOfTheWindowOnly() {
        InMemoryWebhookTallyStore store = new InMemoryWebhookTallyStore(Duration.ofHours(2));
        TenantId other = TenantId.random();
        store.add(Map.of(
                new TenantMinute(TENANT, NOW), new WebhookCounts(10, 1),
                new TenantMinute(TENANT, NOW.minusSeconds(3_600)), new WebhookCounts(5, 5),
                new TenantMinute(TENANT, NOW.minusSeconds(7_200 + 120)), new WebhookCounts(7, 7),
                new TenantMinute(other, NOW), new WebhookCounts(3, 3))).block();
        StepVerifier.create(store.read(TENANT, NOW.minusSeconds(1_800), NOW.plusSeconds(60)))
                .expectNext(new WebhookCounts(10, 1))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(store.read(TENANT, NOW.minusSeconds(4_000), NOW.plusSeconds(60)))
                .expectNext(new WebhookCounts(15, 6))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        // Older than the retention before the latest minute: gone.
        StepVerifier.create(store.read(TENANT, NOW.minusSeconds(9_000), NOW.minusSeconds(7_000)))
                .expectNext(WebhookCounts.NONE)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void shouldFlushOnEachIntervalAndAnnounceTheTenantsOverview() {
        WebhookTally tally = new WebhookTally();
        InMemoryWebhookTallyStore store = new InMemoryWebhookTallyStore(Duration.ofHours(1));
        InProcessRollupChangeFeed feed = new InProcessRollupChangeFeed();
        List<RollupsChanged> heard = new ArrayList<>();
        var listening = feed.changes().subscribe(heard::add);
        StepVerifier.withVirtualTime(() -> {
                    VirtualTimeScheduler vts = VirtualTimeScheduler.get();
                    return new WebhookTallyFlusher(tally, store, feed, Duration.ofSeconds(5), vts).run();
                })
                .then(() -> tally.record(TENANT, NOW, true))
                .thenAwait(Duration.ofSeconds(5))
                .expectNext(1)
                .thenAwait(Duration.ofSeconds(5))
                .expectNext(0)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        listening.dispose();
        assertThat(heard).containsExactly(new RollupsChanged(TENANT, java.util.Set.of(Scope.all())));
        assertThat(store.read(TENANT, NOW.minusSeconds(60), NOW.plusSeconds(60)).block())
                .isEqualTo(new WebhookCounts(1, 1));
    }

    @Test
    void shouldKeepTheCountsOfAFailedWriteForTheNextFlush() {
        WebhookTally tally = new WebhookTally();
        InMemoryWebhookTallyStore good = new InMemoryWebhookTallyStore(Duration.ofHours(1));
        WebhookTallyStore failing = new WebhookTallyStore() {
            @Override
            public Mono<Void> add(Map<TenantMinute, WebhookCounts> counts) {
                return Mono.error(new IllegalStateException("down"));
            }

            @Override
            public Mono<WebhookCounts> read(TenantId tenant, Instant from, Instant to) {
                return Mono.just(WebhookCounts.NONE);
            }
        };
        InProcessRollupChangeFeed feed = new InProcessRollupChangeFeed();
        tally.record(TENANT, NOW, false);
        assertThat(new WebhookTallyFlusher(tally, failing, feed, Duration.ofSeconds(1), VirtualTimeScheduler.create())
                .flush().block()).isZero();
        assertThat(new WebhookTallyFlusher(tally, good, feed, Duration.ofSeconds(1), VirtualTimeScheduler.create())
                .flush().block()).isEqualTo(1);
        assertThat(good.read(TENANT, NOW.minusSeconds(60), NOW.plusSeconds(60)).block())
                .isEqualTo(new WebhookCounts(1, 0));
    }
}
