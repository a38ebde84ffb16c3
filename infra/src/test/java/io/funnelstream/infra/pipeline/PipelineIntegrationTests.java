package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** The pipeline on real Postgres with the embedded event log and the in-memory store. */
class PipelineIntegrationTests {

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
    void shouldCountARandomStreamWithRepeatsExactlyAsARecountFromRawEvents() throws Exception {
        TenantId a = fixture.newTenant();
        TenantId b = fixture.newTenant();
        EventStreams streams = new EventStreams(42);
        List<LogRecord> records = streams.stream(List.of(
                new EventStreams.TenantPlan(a, fixture.newDistribution(a)), new EventStreams.TenantPlan(b, null)), 60);
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.systemUTC());

        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.appendInChunks(records, 17);
            LogRecord.MessageQueued lastA = streams.sentinel(a);
            LogRecord.MessageQueued lastB = streams.sentinel(b);
            fixture.append(List.of(lastA, lastB));
            fixture.awaitApplied(List.of(lastA.messageId(), lastB.messageId()));

            assertThat(running.stats().duplicateEvents()).isPositive();
            assertThat(running.stats().pendingEvents()).isPositive();
            assertThat(running.stats().claimedEvents()).isPositive();
            assertThat(running.stats().deadLettered()).isZero();
        }
        fixture.assertStoreEqualsRecount(store, List.of(a, b));
        assertThat(fixture.recountKeys(List.of(a, b))).isGreaterThan(100);
        assertThat(Recount.fromRawEvents(fixture, List.of(a)).get(a).rollups().keySet())
                .as("test-audience messages count in their variants' scopes, the remainder in none")
                .anyMatch(key -> key.scope().equals(Scope.variant(EventStreams.EXPERIMENT, "a")))
                .anyMatch(key -> key.scope().equals(Scope.variant(EventStreams.EXPERIMENT, "b")));
    }

    @Test
    void shouldApplyEventsThatArrivedBeforeTheirMessageWhenItAppears() throws Exception {
        TenantId tenant = fixture.newTenant();
        InMemoryRollupStore store = new InMemoryRollupStore(Clock.systemUTC());
        Instant queuedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        UUID id = UUID.randomUUID();
        MessageEvent delivered = event(tenant, "e-1", "wamid-1", null, EventType.DELIVERED, queuedAt.plusSeconds(5));
        MessageEvent read = event(tenant, "e-2", "wamid-1", id, EventType.READ, queuedAt.plusSeconds(70));

        try (PipelineFixture.Running running = fixture.start(store)) {
            fixture.append(List.of(LogRecord.of(delivered), LogRecord.of(read)));
            PipelineFixture.await("two pending events", () -> fixture.number(
                    "select count(*) from message_events where tenant_id = ? and applied_at is null",
                    tenant.value()) == 2);
            // The pipeline counts a batch once its transaction has committed, so just after the rows show.
            PipelineFixture.await("two pending events counted", () -> running.stats().pendingEvents() >= 2);
            assertThat(running.stats().pendingEvents()).isEqualTo(2);

            fixture.registry.queue(new LogRecord.MessageQueued(tenant, id, Channel.WHATSAPP, Provider.META,
                            "wamid-1", null, null, null, queuedAt))
                    .as(StepVerifier::create).expectNext(id).expectComplete().verify(PipelineFixture.TIMEOUT);
            fixture.awaitApplied(List.of(id));

            assertThat(running.stats().claimedEvents()).isEqualTo(2);
        }
        StoredMessage stored = fixture.registry.find(tenant, id).block(PipelineFixture.TIMEOUT);
        assertThat(stored).isNotNull();
        assertThat(stored.state().status()).isEqualTo(Stage.READ);
        assertThat(stored.state().firstReachedAt(Stage.DELIVERED)).contains(queuedAt.plusSeconds(5));
        Scope all = Scope.all();
        var snapshot = store.read(
                        RollupQuery.covering(tenant, all, BucketSize.HOUR, queuedAt, queuedAt.plusSeconds(80)))
                .block(PipelineFixture.TIMEOUT);
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.totals().get(Counter.reached(Stage.QUEUED))).isEqualTo(1);
        assertThat(snapshot.totals().get(Counter.reached(Stage.DELIVERED))).isEqualTo(1);
        assertThat(snapshot.totals().get(Counter.reached(Stage.READ))).isEqualTo(1);
        fixture.assertStoreEqualsRecount(store, List.of(tenant));
    }

    static MessageEvent event(TenantId tenant, String id, String providerMessageId, UUID messageId, EventType type,
            Instant at) {
        return new MessageEvent(tenant, Channel.WHATSAPP, Provider.META, id, providerMessageId, messageId, type, at,
                at, null, null, null, null, null, false, type.slug());
    }
}
