package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.LatencySketch;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.SurveyStep;
import io.funnelstream.engine.tracking.AbandonmentTimers;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Survey funnel events through the pipeline on real Postgres: a shuffled stream with replays, scanners, an
 * abandonment that a later completion undoes, one that no longer holds and an event of an unknown message ends in
 * rollups equal to the rebuild's recount of the stored events, with the counts expected; and the open surveys the
 * inactivity timers are rebuilt from at start are read back.
 */
class SurveyPipelineIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static PipelineFixture fixture;

    @BeforeAll
    static void migrate() {
        fixture = PipelineFixture.migrate(db);
    }

    @AfterAll
    static void close() {
        fixture.close();
    }

    @Test
    void shouldCountSurveyEventsOnceEachAndEqualTheRecount() throws Exception {
        TenantId tenant = fixture.newTenant();
        PipelineFixture.Distribution distribution = fixture.newDistribution(tenant);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        UUID done = queueDelivered(tenant, distribution, t0);
        UUID open = queueDelivered(tenant, distribution, t0);
        UUID idle = queueDelivered(tenant, distribution, t0);

        List<LogRecord> survey = new ArrayList<>();
        survey.add(event(tenant, done, SurveyEventType.VIEWED, "v1", t0.plusSeconds(60), false));
        survey.add(event(tenant, done, SurveyEventType.VIEWED, "v2", t0.plusSeconds(3700), false));
        survey.add(event(tenant, done, SurveyEventType.VIEWED, "v1", t0.plusSeconds(60), false));
        survey.add(event(tenant, done, SurveyEventType.VIEWED, "bot", t0.plusSeconds(30), true));
        survey.add(event(tenant, done, SurveyEventType.STARTED, "s1", t0.plusSeconds(90), false));
        survey.add(abandonment(tenant, done, t0.plusSeconds(90)));
        survey.add(event(tenant, done, SurveyEventType.COMPLETED, "c1", t0.plusSeconds(7200), false));
        survey.add(event(tenant, open, SurveyEventType.VIEWED, "v1", t0.plusSeconds(100), false));
        survey.add(event(tenant, open, SurveyEventType.STARTED, "s1", t0.plusSeconds(120), false));
        survey.add(event(tenant, idle, SurveyEventType.STARTED, "s1", t0.plusSeconds(200), false));
        survey.add(event(tenant, idle, SurveyEventType.PROGRESS, "p1", t0.plusSeconds(260), false));
        survey.add(event(tenant, UUID.randomUUID(), SurveyEventType.VIEWED, "v1", t0.plusSeconds(50), false));
        Collections.shuffle(survey, new Random(7));
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.systemUTC());

        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.appendInChunks(survey, 3);
            // Active again after the idle time it names: refused.
            fixture.append(List.of(abandonment(tenant, idle, t0.plusSeconds(200))));
            UUID sentinel = UUID.randomUUID();
            fixture.append(List.of(new LogRecord.MessageQueued(tenant, sentinel, Channel.EMAIL, Provider.SENDGRID,
                    null, null, null, null, t0)));
            fixture.awaitApplied(List.of(sentinel));
        }

        Counts total = totals(store, tenant, t0);
        assertThat(total.get(SurveyStep.VIEWED.uniqueCounter())).isEqualTo(2);
        assertThat(total.get(SurveyStep.VIEWED.totalCounter())).as("replay and bot left out").isEqualTo(3);
        assertThat(total.get(SurveyStep.STARTED.uniqueCounter())).isEqualTo(3);
        assertThat(total.get(SurveyStep.COMPLETED.uniqueCounter())).isEqualTo(1);
        assertThat(total.get(LatencySketch.COUNT)).isEqualTo(1);
        assertThat(total.get(LatencySketch.SUM_MILLIS)).isEqualTo(Duration.ofSeconds(7200 - 5).toMillis());
        long abandonedEvents = total.get(SurveyStep.ABANDONED.totalCounter());
        assertThat(total.get(SurveyStep.ABANDONED.uniqueCounter())).as("completed: not abandoned")
                .isLessThanOrEqualTo(abandonedEvents).isZero();
        assertThat(fixture.number("select count(*) from survey_events where tenant_id = ? and message_id is null",
                tenant.value())).as("the unknown message's view kept without it").isEqualTo(1);

        RollupSource source = PostgresAdapters.rollupSource(fixture.pool);
        RollupDelta recount = source.recount(tenant, PipelineFixture.settings().consumerGroup())
                .block(PipelineFixture.TIMEOUT).fullState();
        assertSameSurveyRollups(store, tenant, recount);

        List<SurveyProgress> openSurveys = PostgresAdapters.surveyProgressSource(new TenantTransactions(fixture.pool))
                .openSurveys().filter(p -> p.tenant().equals(tenant)).collectList().block(PipelineFixture.TIMEOUT);
        assertThat(openSurveys).extracting(SurveyProgress::messageId).containsExactlyInAnyOrder(open, idle);
        assertThat(openSurveys).filteredOn(p -> p.messageId().equals(idle)).singleElement()
                .satisfies(p -> assertThat(p.lastActivity()).isEqualTo(t0.plusSeconds(260)));
        assertThat(fixture.number("select count(*) from survey_events where message_id = ? and type = 'abandoned'",
                idle)).as("the abandonment that no longer held").isZero();
    }

    private static UUID queueDelivered(TenantId tenant, PipelineFixture.Distribution d, Instant t0) {
        UUID id = UUID.randomUUID();
        fixture.append(List.of(new LogRecord.MessageQueued(tenant, id, Channel.SMS, Provider.TWILIO, "SM-" + id,
                        d.id(), d.surveyId(), null, t0),
                LogRecord.of(new MessageEvent(tenant, Channel.SMS, Provider.TWILIO, "d-" + id, "SM-" + id, null,
                        EventType.DELIVERED, t0.plusSeconds(5), t0.plusSeconds(5), null, null, null, null, null, false,
                        "delivered"))));
        return id;
    }

    private static LogRecord event(TenantId tenant, UUID message, SurveyEventType type, String id, Instant at,
            boolean bot) {
        return LogRecord.of(new SurveyEvent(tenant, message, null, null, null, type,
                type == SurveyEventType.PROGRESS ? 1 : null, message + ":" + id, at, at, Map.of(), bot, null));
    }

    private static LogRecord abandonment(TenantId tenant, UUID message, Instant idleSince) {
        Instant at = idleSince.plus(Duration.ofMinutes(30));
        return LogRecord.of(new SurveyEvent(tenant, message, null, null, null, SurveyEventType.ABANDONED, null,
                AbandonmentTimers.dedupeKey(message, idleSince), at, at, Map.of(), false, idleSince));
    }

    private static Counts totals(InMemoryRollupStore store, TenantId tenant, Instant t0) {
        RollupSnapshot s = store.read(RollupQuery.covering(tenant, Scope.all(), BucketSize.DAY, t0.minus(
                Duration.ofDays(1)), t0.plus(Duration.ofDays(2)))).block(PipelineFixture.TIMEOUT);
        return s.totals();
    }

    /** Every survey and response time counter of every rollup the recount holds equals the store's. */
    private static void assertSameSurveyRollups(InMemoryRollupStore store, TenantId tenant, RollupDelta recount) {
        Map<RollupKey, Counts> expected = new HashMap<>();
        recount.rollups().forEach((key, counts) -> {
            Map<String, Long> survey = new HashMap<>();
            counts.values().forEach((name, n) -> {
                if (name.startsWith("funnel.") || name.startsWith("rt.")) {
                    survey.put(name, n);
                }
            });
            if (!survey.isEmpty()) {
                expected.put(key, Counts.of(survey));
            }
        });
        assertThat(expected).as("the recount counts survey events").isNotEmpty();
        expected.forEach((key, counts) -> {
            Counts held = store.read(new RollupQuery(tenant, key.scope(), key.size(), key.bucketStart(),
                    key.bucketEnd())).block(PipelineFixture.TIMEOUT).totals();
            counts.values().forEach((name, n) -> assertThat(held.get(name)).as("%s %s", key, name).isEqualTo(n));
        });
    }
}
