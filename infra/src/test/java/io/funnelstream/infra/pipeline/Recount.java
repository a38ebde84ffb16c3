package io.funnelstream.infra.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The truth the rollups must equal, computed independently of the pipeline: every message's state replayed from
 * its initial state and the raw events applied to it ({@link MessageLifecycle#replay}), then recounted with
 * {@link RollupDeltas#ofFinalState}. Also checks that the replayed state is the one the pipeline stored. Read as
 * superuser over JDBC.
 */
final class Recount {

    private Recount() {}

    private record Message(UUID id, TenantId tenant, Channel channel, Provider provider, UUID distribution,
            UUID survey, Instant queuedAt, String status, int opens, int clicks, @Nullable ExperimentArm arm) {}

    static Map<TenantId, RollupDelta> fromRawEvents(PipelineFixture fixture, Collection<TenantId> tenants) {
        UUID[] wanted = tenants.stream().map(TenantId::value).toArray(UUID[]::new);
        try (Connection c = fixture.db.openSuperuserConnection()) {
            Map<UUID, List<MessageEvent>> events = events(c, wanted);
            Map<TenantId, RollupDelta.Builder> out = new HashMap<>();
            for (Message m : messages(c, wanted)) {
                List<MessageEvent> applied = events.getOrDefault(m.id(), List.of());
                MessageState state = MessageLifecycle.replay(
                        MessageState.initial(m.id(), m.tenant(), m.channel(), m.provider(), m.queuedAt()), applied);
                assertThat(state.status().slug()).as("status of %s", m.id()).isEqualTo(m.status());
                assertThat(state.opens()).as("opens of %s", m.id()).isEqualTo(m.opens());
                assertThat(state.clicks()).as("clicks of %s", m.id()).isEqualTo(m.clicks());
                MessageDimensions dimensions = new MessageDimensions(
                        m.tenant(), m.channel(), m.provider(), m.distribution(), m.survey(), m.arm());
                RollupDeltas.addFinalState(out.computeIfAbsent(m.tenant(), t -> RollupDelta.builder()),
                        dimensions, state, applied);
            }
            Map<TenantId, RollupDelta> built = new HashMap<>();
            out.forEach((tenant, builder) -> built.put(tenant, builder.build()));
            return built;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Message> messages(Connection c, UUID[] tenants) throws SQLException {
        String sql = "select id, tenant_id, channel, provider, distribution_id, survey_id, queued_at, status,"
                + " open_count, click_count, experiment_id, variant_key, variant_in_test from messages"
                + " where tenant_id = any(?)";
        List<Message> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", tenants));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Message(r.getObject("id", UUID.class),
                            new TenantId(r.getObject("tenant_id", UUID.class)),
                            Channel.fromSlug(r.getString("channel")).orElseThrow(),
                            Provider.fromSlug(r.getString("provider")).orElseThrow(),
                            r.getObject("distribution_id", UUID.class), r.getObject("survey_id", UUID.class),
                            r.getTimestamp("queued_at").toInstant(), r.getString("status"), r.getInt("open_count"),
                            r.getInt("click_count"), arm(r)));
                }
            }
        }
        return out;
    }

    private static @Nullable ExperimentArm arm(ResultSet r) throws SQLException {
        UUID experiment = r.getObject("experiment_id", UUID.class);
        return experiment == null ? null
                : new ExperimentArm(experiment, r.getString("variant_key"), r.getBoolean("variant_in_test"));
    }

    /** Events applied to a message, by message. */
    private static Map<UUID, List<MessageEvent>> events(Connection c, UUID[] tenants) throws SQLException {
        String sql = "select tenant_id, channel, provider, provider_event_id, provider_message_id, message_id, type,"
                + " occurred_at, received_at, bounce_class, machine_open, raw_type from message_events"
                + " where tenant_id = any(?) and applied_at is not null";
        Map<UUID, List<MessageEvent>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", tenants));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID message = r.getObject("message_id", UUID.class);
                    String bounce = r.getString("bounce_class");
                    MessageEvent e = new MessageEvent(new TenantId(r.getObject("tenant_id", UUID.class)),
                            Channel.fromSlug(r.getString("channel")).orElseThrow(),
                            Provider.fromSlug(r.getString("provider")).orElseThrow(),
                            r.getString("provider_event_id"), r.getString("provider_message_id"), message,
                            type(r.getString("type")), instant(r.getTimestamp("occurred_at")),
                            instant(r.getTimestamp("received_at")), null,
                            bounce == null ? null : BounceClass.valueOf(bounce.toUpperCase(Locale.ROOT)), null, null,
                            null, r.getBoolean("machine_open"), r.getString("raw_type"));
                    out.computeIfAbsent(message, m -> new ArrayList<>()).add(e);
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }

    private static EventType type(String slug) {
        return EventType.valueOf(slug.toUpperCase(Locale.ROOT));
    }
}
