package io.funnelstream.infra.postgres;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.SurveyStep;
import io.funnelstream.engine.rollup.SurveyTally;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A random but reproducible tenant history: messages with their provider events and survey events, written
 * to the tables as the service would keep them, and the rollup deltas the pipeline would have produced for
 * the same history ({@link RollupDeltas#ofFinalState}, survey steps, response times). Times straddle minute,
 * hour and day boundaries.
 */
final class AnalyticsDataset {

    /** A minute before midnight UTC. */
    static final Instant BASE = Instant.parse("2026-11-24T23:59:00Z");

    private static final EventType[] TYPES = {
        EventType.SENT, EventType.DELIVERED, EventType.DELIVERED, EventType.OPENED, EventType.OPENED,
        EventType.CLICKED, EventType.READ, EventType.BOUNCED, EventType.DEFERRED, EventType.FAILED,
        EventType.DROPPED, EventType.UNDELIVERED, EventType.SPAM_REPORTED, EventType.UNKNOWN
    };

    /** One message: what it counts under, its final state, its events. */
    record Message(MessageDimensions dimensions, MessageState state, List<MessageEvent> events, RollupDelta delta) {}

    private record SurveyEvent(UUID messageId, SurveyStep step, Instant at, boolean bot) {}

    private final TenantId tenant;
    private final Random random;
    private final List<UUID> distributions;
    private final @Nullable UUID survey;
    private final List<Message> messages = new ArrayList<>();
    private final List<SurveyEvent> surveyEvents = new ArrayList<>();
    private final List<MessageEvent> orphanEvents = new ArrayList<>();
    private int sequence;

    AnalyticsDataset(TenantId tenant, long seed, List<UUID> distributions, @Nullable UUID survey) {
        this.tenant = tenant;
        this.random = new Random(seed);
        this.distributions = distributions;
        this.survey = survey;
    }

    /** Adds {@code count} random messages and a few events of no known message. */
    AnalyticsDataset generate(int count) {
        for (int i = 0; i < count; i++) {
            messages.add(message());
        }
        for (int i = 0; i < count / 20; i++) {
            Channel channel = pick(Channel.values());
            orphanEvents.add(event(channel, providerOf(channel), "orphan-" + i, null, EventType.UNKNOWN, at()));
        }
        return this;
    }

    List<Message> messages() {
        return messages;
    }

    /** The deltas of everything whose dimensions pass the filter, in one. */
    RollupDelta delta(Predicate<MessageDimensions> filter) {
        RollupDelta.Builder out = RollupDelta.builder();
        for (Message message : messages) {
            if (filter.test(message.dimensions())) {
                out.addAll(message.delta());
            }
        }
        for (MessageEvent orphan : orphanEvents) {
            MessageDimensions dimensions =
                    new MessageDimensions(tenant, orphan.channel(), orphan.provider(), null, null);
            if (filter.test(dimensions)) {
                RollupDeltas.addUnknownEvent(out, dimensions, orphan.occurredAt());
            }
        }
        return out.build();
    }

    /** Writes the history as the superuser (past row-level security). */
    void insert(PostgresTestDatabase db) throws SQLException {
        try (Connection c = db.openSuperuserConnection()) {
            c.setAutoCommit(false);
            insertMessages(c);
            insertEvents(c);
            insertSurveyEvents(c);
            c.commit();
        }
    }

    private Message message() {
        Channel channel = pick(Channel.values());
        Provider provider = providerOf(channel);
        UUID distribution = distributions.isEmpty() || random.nextInt(5) == 0
                ? null
                : distributions.get(random.nextInt(distributions.size()));
        MessageDimensions dimensions = new MessageDimensions(tenant, channel, provider, distribution, survey);
        UUID id = UUID.randomUUID();
        MessageState initial = MessageState.initial(id, tenant, channel, provider, BASE.minusSeconds(30));
        List<MessageEvent> events = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            events.add(event(channel, provider, "m" + id, id, pick(TYPES), at()));
        }
        MessageState state = MessageLifecycle.replay(initial, events);
        RollupDelta.Builder delta = RollupDelta.builder();
        RollupDeltas.addFinalState(delta, dimensions, state, events);
        state.firstReachedAt(Stage.DELIVERED).ifPresent(delivered -> survey(dimensions, id, delivered, delta));
        return new Message(dimensions, state, events, delta.build());
    }

    /** Survey events of a delivered message, some by bots (which count nowhere), with their deltas. */
    private void survey(MessageDimensions dimensions, UUID id, Instant delivered, RollupDelta.Builder delta) {
        List<SurveyEvent> mine = new ArrayList<>();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            SurveyStep step = pick(SurveyStep.values());
            mine.add(new SurveyEvent(id, step, delivered.plusSeconds(random.nextInt(7_200)), random.nextInt(6) == 0));
        }
        mine.sort(Comparator.comparing(SurveyEvent::at));
        SurveyTally tally = new SurveyTally();
        for (SurveyEvent event : mine) {
            surveyEvents.add(event);
            if (event.bot()) {
                continue;
            }
            SurveyEventType type = SurveyEventType.valueOf(event.step().name());
            RollupDeltas.addSurveyEvent(delta, dimensions, type, event.at());
            tally.add(type, event.at());
        }
        // Firsts of each step, an abandonment followed by a completion left out, and the response time.
        RollupDeltas.addSurveyFirsts(delta, dimensions, delivered, tally, 1);
    }

    private MessageEvent event(Channel channel, Provider provider, String providerMessageId, @Nullable UUID messageId,
            EventType type, Instant at) {
        BounceClass bounce = type == EventType.BOUNCED ? pick(BounceClass.values()) : null;
        String reason = type == EventType.BOUNCED || type == EventType.FAILED ? "mailbox " + random.nextInt(3) : null;
        return new MessageEvent(tenant, channel, provider, "ev-" + sequence++, providerMessageId, messageId, type, at,
                at.plusSeconds(1), null, bounce, reason, reason == null ? null : "55" + random.nextInt(3), null,
                type == EventType.OPENED && random.nextInt(4) == 0, type.slug());
    }

    /** Within three hours of {@link #BASE}, to the millisecond (Postgres keeps microseconds). */
    private Instant at() {
        return BASE.plusMillis(random.nextLong(-3_600_000, 7_200_000));
    }

    private Provider providerOf(Channel channel) {
        List<Provider> carriers = new ArrayList<>();
        for (Provider p : Provider.values()) {
            if (p.carries(channel)) {
                carriers.add(p);
            }
        }
        return carriers.get(random.nextInt(carriers.size()));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private void insertMessages(Connection c) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (Stage stage : Stage.values()) {
            columns.append(", ").append(stage.slug()).append("_at");
        }
        String sql = "insert into messages (id, tenant_id, distribution_id, survey_id, channel, provider,"
                + " provider_message_id, status, open_count, machine_open_count, click_count, bounce_class,"
                + " failure_reason, error_code" + columns + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                + ", ?".repeat(Stage.values().length) + ")";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (Message m : messages) {
                MessageState s = m.state();
                int i = 1;
                insert.setObject(i++, s.messageId());
                insert.setObject(i++, tenant.value());
                insert.setObject(i++, m.dimensions().distributionId());
                insert.setObject(i++, m.dimensions().surveyId());
                insert.setString(i++, s.channel().slug());
                insert.setString(i++, s.provider().slug());
                insert.setString(i++, "m" + s.messageId());
                insert.setString(i++, s.status().slug());
                insert.setInt(i++, s.opens());
                insert.setInt(i++, s.machineOpens());
                insert.setInt(i++, s.clicks());
                BounceClass bounce = s.failure() == null ? null : s.failure().bounceClass();
                insert.setString(i++, bounce == null ? null : bounce.name().toLowerCase(Locale.ROOT));
                insert.setString(i++, s.failure() == null ? null : s.failure().reason());
                insert.setString(i++, s.failure() == null ? null : s.failure().errorCode());
                for (Stage stage : Stage.values()) {
                    insert.setObject(i++, s.firstReachedAt(stage).map(AnalyticsDataset::utc).orElse(null));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertEvents(Connection c) throws SQLException {
        String sql = "insert into message_events (tenant_id, provider, provider_event_id, provider_message_id,"
                + " message_id, channel, type, occurred_at, received_at, bounce_class, reason, error_code,"
                + " machine_open, raw_type) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        Set<String> written = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            List<MessageEvent> all = new ArrayList<>(orphanEvents);
            messages.forEach(m -> all.addAll(m.events()));
            for (MessageEvent e : all) {
                if (!written.add(e.providerEventId())) {
                    continue;
                }
                int i = 1;
                insert.setObject(i++, tenant.value());
                insert.setString(i++, e.provider().slug());
                insert.setString(i++, e.providerEventId());
                insert.setString(i++, e.providerMessageId());
                insert.setObject(i++, e.messageId());
                insert.setString(i++, e.channel().slug());
                insert.setString(i++, e.type().slug());
                insert.setObject(i++, utc(e.occurredAt()));
                insert.setObject(i++, utc(e.receivedAt()));
                BounceClass bounce = e.bounceClass();
                insert.setString(i++, bounce == null ? null : bounce.name().toLowerCase(Locale.ROOT));
                insert.setString(i++, e.reason());
                insert.setString(i++, e.errorCode());
                insert.setBoolean(i++, e.machineOpen());
                insert.setString(i++, e.rawType());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertSurveyEvents(Connection c) throws SQLException {
        String sql = "insert into survey_events (tenant_id, message_id, type, dedupe_key, occurred_at, received_at,"
                + " is_bot) values (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            int key = 0;
            for (SurveyEvent e : surveyEvents) {
                insert.setObject(1, tenant.value());
                insert.setObject(2, e.messageId());
                insert.setString(3, e.step().name().toLowerCase(Locale.ROOT));
                insert.setString(4, "se-" + key++);
                insert.setObject(5, utc(e.at()));
                insert.setObject(6, utc(e.at()));
                insert.setBoolean(7, e.bot());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
