package io.funnelstream.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The embedded default wired end to end: a message queued through the registry and an event appended to the event
 * log are applied by the running pipeline to Postgres and to the in-memory store; the admin endpoint rebuilds the
 * tenant; health and metrics show the pipeline.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RollupPipelineWiringIntegrationTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    MessageRegistry registry;

    @Autowired
    EventLog eventLog;

    @Autowired
    RollupStore store;

    @Autowired
    RollupAvailability availability;

    @Test
    void shouldApplyQueuedMessagesAndEventsAndRebuildOnTheAdminEndpoint() {
        TenantId tenant = directory.createTenant("pipe-" + UUID.randomUUID().toString().substring(0, 8), "Pipe")
                .block(TIMEOUT).id();
        String admin = directory.createApiKey(tenant, "admin", Role.ADMIN).block(TIMEOUT).plaintext();
        String viewer = directory.createApiKey(tenant, "viewer", Role.VIEWER).block(TIMEOUT).plaintext();
        Instant queuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        UUID id = UUID.randomUUID();

        registry.queue(new LogRecord.MessageQueued(tenant, id, Channel.SMS, Provider.TWILIO, "SM-" + id, null, null,
                null, queuedAt)).block(TIMEOUT);
        eventLog.append(List.of(LogRecord.of(new MessageEvent(tenant, Channel.SMS, Provider.TWILIO, "SM-delivered",
                "SM-" + id, null, EventType.DELIVERED, queuedAt.plusSeconds(3), queuedAt.plusSeconds(4), null,
                null, null, null, null, false, "delivered")))).block(TIMEOUT);

        await("the message delivered in Postgres", () -> {
            StoredMessage m = registry.find(tenant, id).block(TIMEOUT);
            return m != null && m.state().status() == Stage.DELIVERED;
        });
        await("the rollups current", () -> Boolean.TRUE.equals(availability.isCurrent(tenant).block(TIMEOUT))
                && delivered(tenant, queuedAt) == 1);
        assertThat(store).isInstanceOf(InMemoryRollupStore.class);

        client.post().uri("/api/admin/rollups/rebuild").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.tenant").isEqualTo(tenant.toString())
                .jsonPath("$.messages").isEqualTo(1)
                .jsonPath("$.rollups").value(n -> assertThat(((Number) n).intValue()).isPositive());
        assertThat(delivered(tenant, queuedAt)).as("the same after the rebuild").isEqualTo(1);
        client.post().uri("/api/admin/rollups/rebuild").header("Authorization", "Bearer " + viewer).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.rollupPipeline.status").isEqualTo("UP");
        client.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + admin).exchange()
                .expectStatus().isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text).contains("funnelstream_pipeline_events_applied_total")
                        .contains("funnelstream_pipeline_outbox_backlog"));
    }

    private long delivered(TenantId tenant, Instant at) {
        return store.read(RollupQuery.covering(tenant, Scope.all(), BucketSize.DAY, at, at.plusSeconds(1)))
                .block(TIMEOUT).totals().get(Counter.reached(Stage.DELIVERED));
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
