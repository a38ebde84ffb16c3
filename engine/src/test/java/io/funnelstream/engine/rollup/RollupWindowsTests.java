package io.funnelstream.engine.rollup;

import static io.funnelstream.engine.rollup.RollupScenarios.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class RollupWindowsTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final MessageDimensions SMS =
            new MessageDimensions(TENANT, Channel.SMS, Provider.TWILIO, null, null);
    private static final Instant T0 = Instant.parse("2026-11-03T10:15:00Z");
    private static final String PARTITION = "events-2";

    /** The change of the message sent at {@code T0 + offset} seconds, read at {@code offset}. */
    private static Change sent(long offset) {
        Instant at = T0.plusSeconds(offset);
        StateChange change = new StateChange(Stage.QUEUED, Stage.SENT, Map.of(Stage.SENT, at), Map.of(), 0, 0, 0);
        return Change.ofMessage(new LogPosition(PARTITION, offset), SMS, change, EventType.SENT, at);
    }

    private static List<Change> sentRange(int from, int count) {
        List<Change> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            out.add(sent(i));
        }
        return out;
    }

    private static RollupWindows windows(int maxChanges, VirtualTimeScheduler time) {
        return new RollupWindows(maxChanges, Duration.ofMillis(200), time);
    }

    private static long sentIn(Window window, BucketSize size) {
        return window.delta().counts(RollupKey.containing(TENANT, Scope.all(), size, T0)).get("stage.sent");
    }

    private static long sentInDay(Window window) {
        return sentIn(window, BucketSize.DAY);
    }

    @Test
    void shouldCloseAWindowWhenItIsFull() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();

        StepVerifier.withVirtualTime(
                        () -> Flux.fromIterable(sentRange(0, 7)).transform(windows(3, time)),
                        () -> time,
                        Long.MAX_VALUE)
                .assertNext(w -> {
                    assertThat(w.id()).isEqualTo(new WindowId(PARTITION, 0, 2));
                    assertThat(w.changes()).isEqualTo(3);
                    assertThat(sentInDay(w)).isEqualTo(3);
                })
                .assertNext(w -> assertThat(w.id().value()).isEqualTo("events-2/3-5"))
                .assertNext(w -> {
                    assertThat(w.id()).isEqualTo(new WindowId(PARTITION, 6, 6));
                    assertThat(w.last()).isEqualTo(new LogPosition(PARTITION, 6));
                    assertThat(sentInDay(w)).isEqualTo(1);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldCloseAWindowWhenItsTimeRunsOut() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();

        StepVerifier.withVirtualTime(
                        () -> Flux.concat(
                                        Flux.fromIterable(sentRange(0, 2)),
                                        Mono.delay(Duration.ofSeconds(1), time)
                                                .thenMany(Flux.fromIterable(sentRange(2, 1))),
                                        Mono.delay(Duration.ofSeconds(1), time).then(Mono.empty()))
                                .transform(windows(100, time)),
                        () -> time,
                        Long.MAX_VALUE)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(199))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(w -> assertThat(w.id()).isEqualTo(new WindowId(PARTITION, 0, 1)))
                .expectNoEvent(Duration.ofMillis(800 + 199))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(w -> assertThat(w.id()).isEqualTo(new WindowId(PARTITION, 2, 2)))
                .thenAwait(Duration.ofSeconds(1))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldGiveTheSameWindowsToTheSameChangesEveryTime() {
        List<Window> first = new ArrayList<>();
        List<Window> second = new ArrayList<>();
        for (List<Window> out : List.of(first, second)) {
            VirtualTimeScheduler time = VirtualTimeScheduler.create();
            StepVerifier.withVirtualTime(
                            () -> Flux.fromIterable(sentRange(40, 25)).transform(windows(10, time)),
                            () -> time,
                            Long.MAX_VALUE)
                    .recordWith(() -> out)
                    .expectNextCount(3)
                    .expectComplete()
                    .verify(TIMEOUT);
        }

        assertThat(first).isEqualTo(second);
        assertThat(first).extracting(w -> w.id().value())
                .containsExactly("events-2/40-49", "events-2/50-59", "events-2/60-64");
    }

    @Test
    void shouldMergeTheChangesOfAWindowIntoTheirSum() {
        List<Change> changes = sentRange(0, 120);
        RollupDelta sum = RollupDelta.empty();
        for (Change c : changes) {
            RollupDelta.Builder one = RollupDelta.builder();
            c.addTo(one);
            sum = sum.plus(one.build());
        }

        Window window = RollupWindows.window(changes);

        assertThat(window.delta()).isEqualTo(sum);
        assertThat(sentIn(window, BucketSize.MINUTE)).isEqualTo(60);
        assertThat(sentIn(window, BucketSize.HOUR)).isEqualTo(120);
    }

    @Test
    void shouldCoverRecordsThatAddNothing() {
        Window window = RollupWindows.window(List.of(Change.nothing(new LogPosition(PARTITION, 9)), sent(10),
                Change.nothing(new LogPosition(PARTITION, 11))));

        assertThat(window.id()).isEqualTo(new WindowId(PARTITION, 9, 11));
        assertThat(window.changes()).isEqualTo(3);
        assertThat(sentInDay(window)).isEqualTo(1);
    }

    @Test
    void shouldFailAWindowThatMixesPartitions() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Change elsewhere = Change.nothing(new LogPosition("events-3", 1));

        StepVerifier.withVirtualTime(
                        () -> Flux.just(sent(0), elsewhere).transform(windows(10, time)),
                        () -> time,
                        Long.MAX_VALUE)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("mixes partitions"))
                .verify(TIMEOUT);
        assertThatIllegalArgumentException().isThrownBy(() -> RollupWindows.window(List.of(sent(5), sent(4))));
    }

    @Test
    void shouldNotReadFurtherAheadThanTheWindowsAskedFor() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        AtomicLong requested = new AtomicLong();

        StepVerifier.withVirtualTime(
                        () -> Flux.range(0, 1_000)
                                .map(RollupWindowsTests::sent)
                                .doOnRequest(n -> requested.addAndGet(Math.min(n, 1_000_000)))
                                .transform(windows(10, time)),
                        () -> time,
                        1)
                .assertNext(w -> assertThat(w.changes()).isEqualTo(10))
                .expectNoEvent(Duration.ofSeconds(1))
                // Fair backpressure prefetches a few windows' worth, never an unbounded amount.
                .then(() -> assertThat(requested.get()).isLessThanOrEqualTo(4 * 10))
                .thenRequest(2)
                .expectNextCount(2)
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(requested.get()).isLessThanOrEqualTo(8 * 10);
    }
}
