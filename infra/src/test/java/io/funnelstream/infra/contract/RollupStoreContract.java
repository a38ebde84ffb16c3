package io.funnelstream.infra.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.lifecycle.StateChange;
import io.funnelstream.engine.metrics.DeliveryReport;
import io.funnelstream.engine.metrics.Rate;
import io.funnelstream.engine.metrics.Rates;
import io.funnelstream.engine.metrics.ResponseTimes;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupRebuildInProgressException;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LogPosition;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.RollupWindows;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.Window;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * What every {@link RollupStore} does, whatever keeps the rollups. Each test works on tenants of its own,
 * so the tests share one store. Times are around the current hour: Redis expires keys by the real clock.
 */
public abstract class RollupStoreContract {

    protected static final Duration TIMEOUT = Duration.ofSeconds(20);
    protected static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);
    protected static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    protected static final Instant HOUR_AGO = NOW.minus(Duration.ofHours(1));

    /** The store under test, built with {@link #CLOCK} and the default retention. */
    protected abstract RollupStore store();

    protected static RollupKey hourKey(TenantId tenant, Instant at) {
        return RollupKey.containing(tenant, Scope.all(), BucketSize.HOUR, at);
    }

    protected static RollupDelta add(RollupKey key, String counter, long amount) {
        return RollupDelta.builder().add(key, counter, amount).build();
    }

    protected static WindowId window(long first, long last) {
        return new WindowId("events-0", first, last);
    }

    protected final Counts hour(TenantId tenant, Instant at) {
        RollupQuery query = new RollupQuery(tenant, Scope.all(), BucketSize.HOUR, BucketSize.HOUR.start(at),
                BucketSize.HOUR.start(at).plus(Duration.ofHours(1)));
        return read(query).totals();
    }

    protected final RollupSnapshot read(RollupQuery query) {
        List<RollupSnapshot> out = new ArrayList<>();
        StepVerifier.create(store().read(query)).recordWith(() -> out).expectNextCount(1).expectComplete()
                .verify(TIMEOUT);
        return out.getFirst();
    }

    protected final <T> void expect(Mono<T> call, T expected) {
        StepVerifier.create(call).expectNext(expected).expectComplete().verify(TIMEOUT);
    }

    @Test
    void shouldAnswerSeveralReadsInTheOrderAsked() {
        TenantId tenant = TenantId.random();
        TenantId other = TenantId.random();
        Instant dayStart = BucketSize.DAY.start(HOUR_AGO);
        RollupKey email = RollupKey.containing(tenant, Scope.channel(Channel.EMAIL), BucketSize.HOUR, HOUR_AGO);
        RollupDelta.Builder mine = RollupDelta.builder()
                .add(hourKey(tenant, HOUR_AGO), "stage.sent", 3)
                .add(hourKey(tenant, HOUR_AGO.minus(Duration.ofHours(2))), "stage.sent", 2)
                .add(email, "stage.delivered", 1);
        // more buckets than one round trip of a store that reads in chunks takes
        Instant minute = BucketSize.MINUTE.start(HOUR_AGO).minus(Duration.ofMinutes(600));
        for (int i = 0; i < 600; i += 2) {
            mine.add(RollupKey.containing(tenant, Scope.all(), BucketSize.MINUTE, minute.plus(Duration.ofMinutes(i))),
                    "stage.sent", 1);
        }
        expect(store().apply(tenant, window(0, 9), mine.build()), true);
        expect(store().apply(other, window(0, 9), add(hourKey(other, HOUR_AGO), "stage.sent", 7)), true);

        RollupQuery hours = new RollupQuery(tenant, Scope.all(), BucketSize.HOUR, dayStart.minus(Duration.ofDays(1)),
                BucketSize.HOUR.start(NOW).plus(Duration.ofHours(1)));
        RollupQuery emailHours = new RollupQuery(tenant, Scope.channel(Channel.EMAIL), BucketSize.HOUR,
                BucketSize.HOUR.start(HOUR_AGO), BucketSize.HOUR.start(HOUR_AGO).plus(Duration.ofHours(1)));
        RollupQuery empty = new RollupQuery(tenant, Scope.provider(Provider.TWILIO), BucketSize.HOUR,
                BucketSize.HOUR.start(HOUR_AGO), BucketSize.HOUR.start(HOUR_AGO).plus(Duration.ofHours(1)));
        RollupQuery minutes = new RollupQuery(tenant, Scope.all(), BucketSize.MINUTE, minute,
                minute.plus(Duration.ofMinutes(600)));
        RollupQuery others = new RollupQuery(other, Scope.all(), BucketSize.HOUR, BucketSize.HOUR.start(HOUR_AGO),
                BucketSize.HOUR.start(HOUR_AGO).plus(Duration.ofHours(1)));
        List<RollupQuery> queries = List.of(hours, emailHours, empty, minutes, others, hours);

        List<RollupSnapshot> answers = new ArrayList<>();
        StepVerifier.create(store().readAll(queries)).consumeNextWith(answers::addAll).expectComplete()
                .verify(TIMEOUT);

        assertThat(answers).extracting(RollupSnapshot::query).containsExactlyElementsOf(queries);
        assertThat(answers.get(0).buckets()).hasSize(2);
        assertThat(answers.get(0).totals().get("stage.sent")).isEqualTo(5);
        assertThat(answers.get(1).totals().get("stage.delivered")).isEqualTo(1);
        assertThat(answers.get(2).buckets()).isEmpty();
        assertThat(answers.get(3).buckets()).hasSize(300);
        assertThat(answers.get(3).totals().get("stage.sent")).isEqualTo(300);
        assertThat(answers.get(4).totals().get("stage.sent")).isEqualTo(7);
        assertThat(answers.get(5)).isEqualTo(answers.get(0));
        for (RollupQuery query : queries) {
            assertThat(answers.get(queries.indexOf(query))).isEqualTo(read(query));
        }
    }

    @Test
    void shouldCountTheSameWindowOnce() {
        TenantId tenant = TenantId.random();
        RollupDelta delta = add(hourKey(tenant, HOUR_AGO), "stage.sent", 3);

        expect(store().apply(tenant, window(0, 9), delta), true);
        expect(store().apply(tenant, window(0, 9), delta), false);
        expect(store().apply(tenant, window(10, 19), delta), true);

        assertThat(hour(tenant, HOUR_AGO).get("stage.sent")).isEqualTo(6);
    }

    @Test
    void shouldTellWindowsOfDifferentTenantsApart() {
        TenantId first = TenantId.random();
        TenantId second = TenantId.random();

        expect(store().apply(first, window(0, 9), add(hourKey(first, HOUR_AGO), "stage.sent", 1)), true);
        expect(store().apply(second, window(0, 9), add(hourKey(second, HOUR_AGO), "stage.sent", 2)), true);

        assertThat(hour(first, HOUR_AGO).get("stage.sent")).isEqualTo(1);
        assertThat(hour(second, HOUR_AGO).get("stage.sent")).isEqualTo(2);
    }

    @Test
    void shouldRefuseADeltaTouchingAnotherTenant() {
        TenantId tenant = TenantId.random();
        RollupDelta foreign = add(hourKey(TenantId.random(), HOUR_AGO), "stage.sent", 1);

        StepVerifier.create(store().apply(tenant, window(0, 0), foreign))
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
        StepVerifier.create(store().replaceAll(tenant, foreign))
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
    }

    @Test
    void shouldSumConcurrentWindowsFromManyThreads() {
        TenantId tenant = TenantId.random();
        int windows = 200;
        List<Integer> attempts = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            attempts.add(i);
            attempts.add(i);
        }
        Collections.shuffle(attempts, new Random(7));

        Flux<Boolean> applied = Flux.fromIterable(attempts)
                .parallel(8)
                .runOn(Schedulers.parallel())
                .flatMap(i -> store().apply(tenant, window(10L * i, 10L * i + 9), concurrentDelta(tenant, i)), false, 4)
                .sequential();

        StepVerifier.create(applied.filter(b -> b).count()).expectNext((long) windows).expectComplete().verify(TIMEOUT);
        Counts counts = hour(tenant, HOUR_AGO);
        assertThat(counts.get("stage.sent")).isEqualTo(windows);
        assertThat(counts.get("opens")).isEqualTo(windows / 2);
        assertThat(hour(tenant, NOW).get("clicks")).isEqualTo(windows * (windows - 1L) / 2);
    }

    private static RollupDelta concurrentDelta(TenantId tenant, int i) {
        return RollupDelta.builder()
                .add(hourKey(tenant, HOUR_AGO), "stage.sent", 1)
                .add(hourKey(tenant, HOUR_AGO), "opens", i % 2)
                .add(hourKey(tenant, NOW), "clicks", i)
                .build();
    }

    @Test
    void shouldReadOnlyTheBucketsOfTheRange() {
        TenantId tenant = TenantId.random();
        RollupDelta.Builder delta = RollupDelta.builder();
        for (int h = 0; h < 6; h++) {
            delta.add(hourKey(tenant, NOW.minus(Duration.ofHours(h))), "stage.delivered", h + 1);
        }
        delta.add(RollupKey.containing(tenant, Scope.channel(Channel.SMS), BucketSize.HOUR, HOUR_AGO), "stage.sent", 9);
        expect(store().apply(tenant, window(0, 0), delta.build()), true);

        RollupQuery query = new RollupQuery(tenant, Scope.all(), BucketSize.HOUR, NOW.minus(Duration.ofHours(4)),
                NOW.minus(Duration.ofHours(1)));
        RollupSnapshot snapshot = read(query);

        assertThat(snapshot.buckets()).containsOnlyKeys(NOW.minus(Duration.ofHours(4)), NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(2)));
        assertThat(snapshot.bucket(NOW.minus(Duration.ofHours(2))).get("stage.delivered")).isEqualTo(3);
        assertThat(snapshot.totals().values()).containsExactly(Map.entry("stage.delivered", 5L + 4 + 3));
    }

    @Test
    void shouldLeaveNoCounterThatCancelsOut() {
        TenantId tenant = TenantId.random();
        RollupKey key = hourKey(tenant, HOUR_AGO);

        expect(store().apply(tenant, window(0, 0), add(key, "stage.delivered", 1)), true);
        expect(store().apply(tenant, window(1, 1), add(key, "stage.delivered", -1).plus(add(key, "opens", 1))), true);
        assertThat(hour(tenant, HOUR_AGO).values()).containsExactly(Map.entry("opens", 1L));
        expect(store().apply(tenant, window(2, 2), add(key, "opens", -1)), true);

        assertThat(read(new RollupQuery(tenant, Scope.all(), BucketSize.HOUR, HOUR_AGO, NOW)).buckets()).isEmpty();
    }

    @Test
    void shouldGiveNoRatesWhereNothingWasCounted() {
        TenantId tenant = TenantId.random();
        MessageDimensions sms = new MessageDimensions(tenant, Channel.SMS, Provider.TWILIO, null, null);
        MessageState queued = MessageState.initial(UUID.randomUUID(), tenant, Channel.SMS, Provider.TWILIO, HOUR_AGO);
        expect(store().apply(tenant, window(0, 0), RollupDeltas.ofNewMessage(sms, queued)), true);

        Counts totals = read(new RollupQuery(tenant, Scope.channel(Channel.SMS), BucketSize.DAY,
                BucketSize.DAY.start(HOUR_AGO), BucketSize.DAY.start(HOUR_AGO).plus(Duration.ofDays(1)))).totals();
        DeliveryReport report = DeliveryReport.of(totals);

        assertThat(totals.get("stage.queued")).isEqualTo(1);
        assertThat(report.deliveryRate()).isNull();
        assertThat(report.uniqueOpenRate()).isNull();
        assertThat(report.responseRate()).isNull();
        assertThat(report.responseTimes().p50()).isNull();
        assertThat(Rates.deliveryRate(Counts.empty())).isEmpty();
        assertThat(Rates.deliveryRate(Counts.of(Map.of("stage.sent", 4L)))).contains(new Rate(0, 4));
    }

    @Test
    void shouldReportEmptyUntilSomethingIsApplied() {
        TenantId tenant = TenantId.random();

        expect(store().isEmpty(tenant), true);
        expect(store().mark(tenant), RollupMark.empty());
        expect(store().apply(tenant, new WindowId("events-3", 40, 57), add(hourKey(tenant, NOW), "clicks", 1)), true);
        expect(store().apply(tenant, new WindowId("events-3", 20, 39), add(hourKey(tenant, NOW), "clicks", 1)), true);

        expect(store().isEmpty(tenant), false);
        expect(store().mark(tenant), new RollupMark(Map.of("events-3", 57L), null, false));
    }

    @Test
    void shouldReplaceEverythingOnRebuildAndSkipWindowsItCovers() {
        TenantId tenant = TenantId.random();
        expect(store().apply(tenant, window(0, 9), add(hourKey(tenant, NOW), "stage.sent", 5)), true);
        RollupDelta recount = add(hourKey(tenant, HOUR_AGO), "stage.delivered", 7);

        StepVerifier.create(store().replaceAll(tenant, recount, Map.of("events-0", 100L)))
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(hour(tenant, NOW).isEmpty()).isTrue();
        assertThat(hour(tenant, HOUR_AGO).values()).containsExactly(Map.entry("stage.delivered", 7L));
        expect(store().apply(tenant, window(90, 100), add(hourKey(tenant, NOW), "stage.sent", 1)), false);
        expect(store().apply(tenant, window(0, 9), add(hourKey(tenant, NOW), "stage.sent", 1)), false);
        expect(store().apply(tenant, window(101, 120), add(hourKey(tenant, NOW), "stage.sent", 1)), true);
        assertThat(hour(tenant, NOW).get("stage.sent")).isEqualTo(1);
        expect(store().mark(tenant), new RollupMark(Map.of("events-0", 120L), NOW, false));
    }

    @Test
    void shouldRefuseTheTenantsWindowsFromTheStartOfARebuildUntilItsEnd() {
        TenantId tenant = TenantId.random();
        TenantId other = TenantId.random();
        expect(store().apply(tenant, window(0, 9), add(hourKey(tenant, NOW), "stage.sent", 5)), true);

        StepVerifier.create(store().beginRebuild(tenant)).expectComplete().verify(TIMEOUT);

        StepVerifier.create(store().apply(tenant, window(10, 19), add(hourKey(tenant, NOW), "stage.sent", 1)))
                .expectError(RollupRebuildInProgressException.class)
                .verify(TIMEOUT);
        expect(store().apply(other, window(10, 19), add(hourKey(other, NOW), "stage.sent", 1)), true);
        assertThat(store().mark(tenant).block(TIMEOUT).needsRebuild()).isTrue();
        assertThat(hour(tenant, NOW).get("stage.sent")).as("nothing of the refused window").isEqualTo(5);

        StepVerifier.create(store().replaceAll(tenant, add(hourKey(tenant, NOW), "stage.sent", 6),
                        Map.of("events-0", 15L)))
                .expectComplete()
                .verify(TIMEOUT);

        expect(store().apply(tenant, window(10, 15), add(hourKey(tenant, NOW), "stage.sent", 1)), false);
        expect(store().apply(tenant, window(16, 19), add(hourKey(tenant, NOW), "stage.sent", 1)), true);
        assertThat(hour(tenant, NOW).get("stage.sent")).isEqualTo(7);
        assertThat(store().mark(tenant).block(TIMEOUT).needsRebuild()).isFalse();
    }

    @Test
    void shouldForgetAppliedWindowsOnARebuildNotTiedToPositions() {
        TenantId tenant = TenantId.random();
        expect(store().apply(tenant, window(0, 9), add(hourKey(tenant, NOW), "stage.sent", 5)), true);

        StepVerifier.create(store().replaceAll(tenant, RollupDelta.empty())).expectComplete().verify(TIMEOUT);

        expect(store().isEmpty(tenant), false);
        expect(store().apply(tenant, window(0, 9), add(hourKey(tenant, NOW), "stage.sent", 5)), true);
        assertThat(hour(tenant, NOW).get("stage.sent")).isEqualTo(5);
    }

    @Test
    void shouldNotKeepBucketsPastTheirRetention() {
        TenantId tenant = TenantId.random();
        Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
        RollupDelta delta = RollupDelta.builder()
                .add(RollupKey.containing(tenant, Scope.all(), BucketSize.MINUTE, threeDaysAgo), "stage.sent", 1)
                .add(hourKey(tenant, threeDaysAgo), "stage.sent", 1)
                .build();

        expect(store().apply(tenant, window(0, 0), delta), true);

        RollupQuery minutes = RollupQuery.covering(tenant, Scope.all(), BucketSize.MINUTE, threeDaysAgo,
                threeDaysAgo.plusSeconds(60));
        assertThat(read(minutes).buckets()).isEmpty();
        assertThat(hour(tenant, threeDaysAgo).get("stage.sent")).isEqualTo(1);
    }

    @Test
    void shouldApplyAWindowOfSeveralTenantsOncePerTenant() {
        TenantId first = TenantId.random();
        TenantId second = TenantId.random();
        List<Change> changes = List.of(
                sent(first, 0), sent(second, 1), Change.nothing(new LogPosition("events-0", 2)), sent(first, 3));
        Window window = RollupWindows.window(changes);

        Flux<Boolean> applied = Flux.fromIterable(window.byTenant().entrySet())
                .flatMap(e -> store().apply(e.getKey(), window.id(), e.getValue()), 4);

        StepVerifier.create(applied).expectNext(true, true).expectComplete().verify(TIMEOUT);
        assertThat(hour(first, HOUR_AGO).get("stage.sent")).isEqualTo(2);
        assertThat(hour(second, HOUR_AGO).get("stage.sent")).isEqualTo(1);
        expect(store().mark(second), new RollupMark(Map.of("events-0", 3L), null, false));
    }

    private static Change sent(TenantId tenant, long offset) {
        MessageDimensions dims = new MessageDimensions(tenant, Channel.EMAIL, Provider.SES, null, null);
        StateChange change =
                new StateChange(Stage.QUEUED, Stage.SENT, Map.of(Stage.SENT, HOUR_AGO), Map.of(), 0, 0, 0);
        return Change.ofMessage(new LogPosition("events-0", offset), dims, change, EventType.SENT, HOUR_AGO);
    }

    @Test
    void shouldMergeResponseTimeSketchesAcrossBuckets() {
        TenantId tenant = TenantId.random();
        MessageDimensions dims = new MessageDimensions(tenant, Channel.WHATSAPP, Provider.META, null, null);
        RollupDelta delta = RollupDelta.empty();
        for (int minutes = 1; minutes <= 100; minutes++) {
            Instant completedAt = minutes % 2 == 0 ? HOUR_AGO : NOW;
            delta = delta.plus(RollupDeltas.ofResponse(dims, completedAt, Duration.ofMinutes(minutes)));
        }
        expect(store().apply(tenant, window(0, 0), delta), true);

        Counts totals = read(new RollupQuery(tenant, Scope.channel(Channel.WHATSAPP), BucketSize.HOUR, HOUR_AGO,
                NOW.plus(Duration.ofHours(1)))).totals();
        ResponseTimes times = ResponseTimes.of(totals);

        assertThat(times.count()).isEqualTo(100);
        assertThat(times.mean()).isEqualTo(Duration.ofSeconds(3030));
        assertThat(times.p50().toMillis()).isBetween((long) (50 * 60_000 * 0.99), (long) (50 * 60_000 * 1.01));
        assertThat(times.p90().toMillis()).isBetween((long) (90 * 60_000 * 0.99), (long) (90 * 60_000 * 1.01));
    }
}
