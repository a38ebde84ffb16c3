package io.funnelstream.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ScopeHubTests {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    static final String SENT = Counter.reached(Stage.SENT);

    final TenantId acme = TenantId.random();
    final TenantId globex = TenantId.random();
    final FakeStore store = new FakeStore();
    final InProcessRollupChangeFeed feed = new InProcessRollupChangeFeed();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final FiguresReader reader =
            new FiguresReader(store::read, clock, List.of(TrailingRange.TODAY, TrailingRange.LAST_24_HOURS));

    ScopeHub hub(VirtualTimeScheduler scheduler) {
        return new ScopeHub(feed, reader, HubSettings.DEFAULT, clock, scheduler, StreamListener.NONE);
    }

    void change(TenantId tenant, long sent) {
        store.add(tenant, Scope.all(), NOW, sent, 0);
        feed.publish(new RollupsChanged(tenant, Set.of(Scope.all()))).subscribe();
    }

    static long sent(StreamItem item, String range) {
        StreamEvent event = item instanceof StreamItem.Snapshot s ? s.event() : ((StreamItem.Delta) item).event();
        return event.figures().ranges().get(range).report().counts().get(SENT);
    }

    @Test
    void shouldSendASnapshotThenADeltaWithAbsoluteNumbersAfterAChange() {
        store.add(acme, Scope.all(), NOW, 5, 4);
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        StepVerifier.withVirtualTime(() -> hub.connect(acme, Scope.all(), null), () -> vts, Long.MAX_VALUE)
                .assertNext(item -> {
                    assertThat(item).isInstanceOf(StreamItem.Snapshot.class);
                    assertThat(sent(item, "today")).isEqualTo(5);
                    assertThat(sent(item, "last24h")).isEqualTo(5);
                })
                .then(() -> change(acme, 3))
                .thenAwait(Duration.ofMillis(250))
                .assertNext(item -> {
                    assertThat(item).isInstanceOf(StreamItem.Delta.class);
                    assertThat(sent(item, "today")).isEqualTo(8);
                    assertThat(((StreamItem.Delta) item).event().changed().get("today")).containsExactly(SENT);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldCoalesceABurstOfChangesIntoOneUpdatePerPeriod() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        StepVerifier.withVirtualTime(() -> hub.connect(acme, Scope.all(), null), () -> vts, Long.MAX_VALUE)
                .expectNextCount(1)
                .then(() -> change(acme, 1))
                // The snapshot opened a period: the change waits for its end.
                .expectNoEvent(Duration.ofMillis(249))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(item -> assertThat(sent(item, "today")).isEqualTo(1))
                .then(() -> {
                    for (int i = 0; i < 20; i++) {
                        change(acme, 1);
                    }
                })
                .thenAwait(Duration.ofMillis(100))
                .expectNoEvent(Duration.ofMillis(100))
                .thenAwait(Duration.ofMillis(50))
                .assertNext(item -> assertThat(sent(item, "today")).isEqualTo(21))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(TIMEOUT);
        // The snapshot, the first change, and the burst folded into one: three reads of two ranges.
        assertThat(store.reads.get()).isEqualTo(6);
    }

    @Test
    void shouldReadOncePerUpdateHoweverManySubscribers() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        List<StreamItem> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<StreamItem> others = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.connect(acme, Scope.all(), null).subscribe(first::add);
        for (int i = 0; i < 150; i++) {
            hub.connect(acme, Scope.all(), null).subscribe(others::add);
        }
        change(acme, 2);
        vts.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(first).hasSize(2);
        assertThat(others).hasSize(300);
        assertThat(others.stream().filter(i -> i instanceof StreamItem.Delta).mapToLong(i -> sent(i, "today")))
                .hasSize(150).containsOnly(2L);
        assertThat(store.reads.get()).isEqualTo(4);
        assertThat(hub.activeScopes()).isEqualTo(1);
    }

    @Test
    void shouldNeverShowAnotherTenantsChanges() {
        store.add(globex, Scope.all(), NOW, 100, 100);
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        StepVerifier.withVirtualTime(() -> hub.connect(acme, Scope.all(), null), () -> vts, Long.MAX_VALUE)
                .assertNext(item -> assertThat(sent(item, "today")).isZero())
                .then(() -> change(globex, 7))
                .expectNoEvent(Duration.ofSeconds(2))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldReplayMissedUpdatesFromTheRingOnResume() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        List<StreamItem> keepAlive = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.connect(acme, Scope.all(), null).subscribe(keepAlive::add);
        long snapshotId = ((StreamItem.Snapshot) keepAlive.getFirst()).event().id();
        for (int i = 0; i < 3; i++) {
            change(acme, 1);
            vts.advanceTimeBy(Duration.ofMillis(300));
        }
        StepVerifier.create(hub.connect(acme, Scope.all(), snapshotId + 1))
                .assertNext(item -> assertThat(((StreamItem.Delta) item).event().id()).isEqualTo(snapshotId + 2))
                .assertNext(item -> {
                    assertThat(((StreamItem.Delta) item).event().id()).isEqualTo(snapshotId + 3);
                    assertThat(sent(item, "today")).isEqualTo(3);
                })
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldSendASnapshotWhenTheResumeIdIsOlderThanTheRing() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = new ScopeHub(feed, reader, new HubSettings(Duration.ofMillis(250), Duration.ofSeconds(30), 2),
                clock, vts, StreamListener.NONE);
        List<StreamItem> keepAlive = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.connect(acme, Scope.all(), null).subscribe(keepAlive::add);
        long snapshotId = ((StreamItem.Snapshot) keepAlive.getFirst()).event().id();
        for (int i = 0; i < 4; i++) {
            change(acme, 1);
            vts.advanceTimeBy(Duration.ofMillis(300));
        }
        StepVerifier.create(hub.connect(acme, Scope.all(), snapshotId))
                .assertNext(item -> {
                    assertThat(item).isInstanceOf(StreamItem.Snapshot.class);
                    assertThat(((StreamItem.Snapshot) item).event().id()).isEqualTo(snapshotId + 4);
                    assertThat(sent(item, "today")).isEqualTo(4);
                })
                .thenCancel()
                .verify(TIMEOUT);
        StepVerifier.create(hub.connect(acme, Scope.all(), 42L))
                .assertNext(item -> assertThat(item).isInstanceOf(StreamItem.Snapshot.class))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldNotHoldAFastSubscriberBackForOneThatRequestsNothing() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        ConnectionShaper shaper = new ConnectionShaper(ConnectionSettings.DEFAULT, vts, StreamListener.NONE);
        Flux<StreamItem> slow = shaper.shape(hub.connect(acme, Scope.all(), null), Flux.never());
        StepVerifier.create(slow, 1).expectNextCount(1).then(() -> {
            StepVerifier.create(hub.connect(acme, Scope.all(), null))
                    .expectNextCount(1)
                    .then(() -> {
                        for (int i = 0; i < 10; i++) {
                            change(acme, 1);
                            vts.advanceTimeBy(Duration.ofMillis(250));
                        }
                    })
                    .expectNextCount(10)
                    .thenCancel()
                    .verify(TIMEOUT);
        }).thenCancel().verify(TIMEOUT);
    }

    @Test
    void shouldCloseTheHubAfterGraceOnceItsLastSubscriberLeft() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        hub.connect(acme, Scope.all(), null).take(1).subscribe();
        assertThat(hub.activeScopes()).isEqualTo(1);
        vts.advanceTimeBy(Duration.ofSeconds(29));
        assertThat(hub.activeScopes()).isEqualTo(1);
        vts.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(hub.activeScopes()).isZero();
    }

    @Test
    void shouldFailTheConnectionWhenTheFirstReadFailsAndTryAfreshNextTime() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        FiguresReader flaky = new FiguresReader(
                query -> down.get() ? reactor.core.publisher.Mono.error(new IllegalStateException("store down"))
                        : store.read(query),
                clock, List.of(TrailingRange.TODAY));
        ScopeHub hub = new ScopeHub(feed, flaky, HubSettings.DEFAULT, clock, VirtualTimeScheduler.create(),
                StreamListener.NONE);
        StepVerifier.create(hub.connect(acme, Scope.all(), null))
                .expectErrorMessage("store down")
                .verify(TIMEOUT);
        assertThat(hub.activeScopes()).isZero();
        down.set(false);
        StepVerifier.create(hub.connect(acme, Scope.all(), null))
                .assertNext(item -> assertThat(item).isInstanceOf(StreamItem.Snapshot.class))
                .thenCancel()
                .verify(TIMEOUT);
    }

    @Test
    void shouldSkipAnUpdateWhoseReadFailsAndCarryOnWithTheNext() {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        FiguresReader flaky = new FiguresReader(
                query -> down.get() ? reactor.core.publisher.Mono.error(new IllegalStateException("store down"))
                        : store.read(query),
                clock, List.of(TrailingRange.TODAY));
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = new ScopeHub(feed, flaky, HubSettings.DEFAULT, clock, vts, new StreamListener() {
            @Override
            public void readFailed(Throwable failure) {
                failures.incrementAndGet();
            }
        });
        StepVerifier.withVirtualTime(() -> hub.connect(acme, Scope.all(), null), () -> vts, Long.MAX_VALUE)
                .expectNextCount(1)
                .then(() -> {
                    down.set(true);
                    change(acme, 1);
                })
                .expectNoEvent(Duration.ofMillis(500))
                .then(() -> {
                    down.set(false);
                    change(acme, 1);
                })
                .thenAwait(Duration.ofMillis(250))
                .assertNext(item -> assertThat(sent(item, "today")).isEqualTo(2))
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(failures.get()).isEqualTo(1);
    }

    @Test
    void shouldHearAChangeAnnouncedTheMomentTheSnapshotArrives() {
        // The store answers at once, so the snapshot reaches the client while the hub is still starting: a change
        // the client makes on seeing it must still produce a delta.
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = hub(vts);
        List<StreamItem> items = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.connect(acme, Scope.all(), null).subscribe(item -> {
            items.add(item);
            if (item instanceof StreamItem.Snapshot) {
                change(acme, 4);
            }
        });
        vts.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(items).hasSize(2);
        assertThat(items.get(1)).isInstanceOf(StreamItem.Delta.class);
        assertThat(sent(items.get(1), "today")).isEqualTo(4);
    }

    @Test
    void shouldEvaluateAlertsOncePerUpdateAndCarryThemOnTheEvents() {
        java.util.concurrent.atomic.AtomicInteger evaluations = new java.util.concurrent.atomic.AtomicInteger();
        io.funnelstream.engine.alert.AlertBook book = new io.funnelstream.engine.alert.AlertBook();
        ScopeAlerting alerting = (tenant, scope, figures) -> {
            evaluations.incrementAndGet();
            return reactor.core.publisher.Mono.just(book.of(tenant, scope).evaluate(
                    io.funnelstream.engine.alert.AlertRules.DEFAULT,
                    io.funnelstream.engine.alert.AlertInputs.of(
                            figures.ranges().get("today").report().counts(), null), figures.at()));
        };
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        ScopeHub hub = new ScopeHub(feed, reader, HubSettings.DEFAULT, clock, vts, StreamListener.NONE, alerting);
        store.add(acme, Scope.all(), NOW, 1_000, 999);
        List<StreamItem> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        hub.connect(acme, Scope.all(), null).subscribe(first::add);
        for (int i = 0; i < 50; i++) {
            hub.connect(acme, Scope.all(), null).subscribe();
        }
        // 1,000 more sent, none delivered: 999 of 2,000 delivered is under 95%.
        change(acme, 1_000);
        vts.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(evaluations.get()).isEqualTo(2);
        assertThat(first).hasSize(2);
        StreamEvent delta = ((StreamItem.Delta) first.get(1)).event();
        assertThat(delta.alerts().transitions()).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(io.funnelstream.engine.alert.AlertKind.DELIVERY_RATE);
            assertThat(alert.status()).isEqualTo(io.funnelstream.engine.alert.AlertStatus.FIRING);
        });
        assertThat(delta.alerts().firing()).hasSize(1);
    }
}
