package io.funnelstream.api.analytics;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.BounceClass;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.EventType;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.SurveyStep;
import io.funnelstream.engine.rollup.WindowId;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A tenant with a viewer key, and messages written the two ways analytics can read them: as rows in Postgres (what
 * the service keeps) and as the deltas the pipeline would have applied to the rollup store for them.
 */
final class AnalyticsFixture {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    final TenantId tenant;
    final String key;
    private final TenantTransactions transactions;
    private final RollupStore store;
    private final UUID survey;

    private AnalyticsFixture(TenantId tenant, String key, TenantTransactions transactions, RollupStore store,
            UUID survey) {
        this.tenant = tenant;
        this.key = key;
        this.transactions = transactions;
        this.store = store;
        this.survey = survey;
    }

    static AnalyticsFixture create(
            TenantDirectory directory, TenantTransactions transactions, RollupStore store, String slug) {
        TenantId tenant = directory.createTenant(slug, slug).block(TIMEOUT).id();
        String key = directory.createApiKey(tenant, "analytics tests", Role.VIEWER).block(TIMEOUT).plaintext();
        UUID survey = UUID.randomUUID();
        execute(transactions, tenant, "insert into surveys (id, tenant_id, title, link) values (" + lit(survey) + ", "
                + lit(tenant.value()) + ", 'NPS', 'https://survey.example/nps')");
        return new AnalyticsFixture(tenant, key, transactions, store, survey);
    }

    UUID distribution(String name, Instant createdAt) {
        UUID id = UUID.randomUUID();
        execute(transactions, tenant, "insert into distributions (id, tenant_id, survey_id, name, status, created_at)"
                + " values (" + lit(id) + ", " + lit(tenant.value()) + ", " + lit(survey) + ", " + lit(name)
                + ", 'running', " + lit(createdAt) + ")");
        return id;
    }

    Message message(Channel channel, Provider provider, @Nullable UUID distribution) {
        return new Message(new MessageDimensions(tenant, channel, provider, distribution, survey));
    }

    /** One message's events; {@link #save()} writes the message both ways. */
    final class Message {

        private final MessageDimensions dimensions;
        private final UUID id = UUID.randomUUID();
        private final List<MessageEvent> events = new ArrayList<>();
        private final List<SurveyEvent> surveyEvents = new ArrayList<>();

        private Message(MessageDimensions dimensions) {
            this.dimensions = dimensions;
        }

        Message event(EventType type, String at) {
            return add(type, at, null, null, null, false);
        }

        Message open(String at, boolean machine) {
            return add(EventType.OPENED, at, null, null, null, machine);
        }

        Message bounce(String at, BounceClass bounceClass, String reason, String code) {
            return add(EventType.BOUNCED, at, bounceClass, reason, code, false);
        }

        Message failure(EventType type, String at, String reason, String code) {
            return add(type, at, null, reason, code, false);
        }

        Message survey(SurveyStep step, String at) {
            surveyEvents.add(new SurveyEvent(step, Instant.parse(at)));
            return this;
        }

        void save() {
            Instant queued = events.stream().map(MessageEvent::occurredAt).min(Comparator.naturalOrder()).orElseThrow();
            MessageState state = MessageLifecycle.replay(MessageState.initial(
                    id, tenant, dimensions.channel(), dimensions.provider(), queued), events);
            RollupDelta.Builder delta = RollupDelta.builder();
            RollupDeltas.addFinalState(delta, dimensions, state, events);
            surveyDeltas(state, delta);
            List<String> statements = new ArrayList<>();
            statements.add(messageRow(state));
            events.forEach(e -> statements.add(eventRow(e)));
            surveyEvents.forEach(e -> statements.add(surveyRow(e)));
            transactions.inTenant(tenant, c -> Flux.fromIterable(statements)
                            .concatMap(sql -> Flux.from(c.createStatement(sql).execute())
                                    .concatMap(r -> r.getRowsUpdated())))
                    .blockLast(TIMEOUT);
            WindowId window = new WindowId("tests", SEQUENCE.incrementAndGet(), SEQUENCE.get());
            store.apply(tenant, window, delta.build()).block(TIMEOUT);
        }

        private void surveyDeltas(MessageState state, RollupDelta.Builder delta) {
            Set<SurveyStep> seen = EnumSet.noneOf(SurveyStep.class);
            surveyEvents.stream().sorted(Comparator.comparing(SurveyEvent::at)).forEach(e -> {
                boolean first = seen.add(e.step());
                delta.addAll(RollupDeltas.ofSurveyStep(dimensions, e.step(), first, e.at()));
                Instant delivered = state.firstReachedAt(Stage.DELIVERED).orElse(null);
                if (first && e.step() == SurveyStep.COMPLETED && delivered != null) {
                    delta.addAll(RollupDeltas.ofResponse(dimensions, e.at(), Duration.between(delivered, e.at())));
                }
            });
        }

        private Message add(EventType type, String at, @Nullable BounceClass bounceClass, @Nullable String reason,
                @Nullable String code, boolean machine) {
            Instant when = Instant.parse(at);
            events.add(new MessageEvent(tenant, dimensions.channel(), dimensions.provider(),
                    "ev-" + SEQUENCE.incrementAndGet(), "pm-" + id, id, type, when, when, null, bounceClass, reason,
                    code, null, machine, type.slug()));
            return this;
        }

        private String messageRow(MessageState s) {
            String stages = EnumSet.allOf(Stage.class).stream().map(st -> st.slug() + "_at")
                    .collect(Collectors.joining(", "));
            String times = EnumSet.allOf(Stage.class).stream().map(st -> lit(s.firstReachedAt(st).orElse(null)))
                    .collect(Collectors.joining(", "));
            var failure = s.failure();
            return "insert into messages (id, tenant_id, distribution_id, survey_id, channel, provider,"
                    + " provider_message_id, status, open_count, machine_open_count, click_count, bounce_class,"
                    + " failure_reason, error_code, " + stages + ") values (" + lit(id) + ", " + lit(tenant.value())
                    + ", " + lit(dimensions.distributionId()) + ", " + lit(survey) + ", " + lit(s.channel().slug())
                    + ", " + lit(s.provider().slug()) + ", " + lit("pm-" + id) + ", " + lit(s.status().slug()) + ", "
                    + s.opens() + ", " + s.machineOpens() + ", " + s.clicks() + ", "
                    + lit(failure == null || failure.bounceClass() == null ? null
                            : failure.bounceClass().name().toLowerCase(Locale.ROOT))
                    + ", " + lit(failure == null ? null : failure.reason()) + ", "
                    + lit(failure == null ? null : failure.errorCode()) + ", " + times + ")";
        }

        private String eventRow(MessageEvent e) {
            return "insert into message_events (tenant_id, provider, provider_event_id, provider_message_id,"
                    + " message_id, channel, type, occurred_at, received_at, bounce_class, reason, error_code,"
                    + " machine_open, raw_type) values (" + lit(tenant.value()) + ", " + lit(e.provider().slug()) + ", "
                    + lit(e.providerEventId()) + ", " + lit(e.providerMessageId()) + ", " + lit(id) + ", "
                    + lit(e.channel().slug()) + ", " + lit(e.type().slug()) + ", " + lit(e.occurredAt()) + ", "
                    + lit(e.receivedAt()) + ", "
                    + lit(e.bounceClass() == null ? null : e.bounceClass().name().toLowerCase(Locale.ROOT)) + ", "
                    + lit(e.reason()) + ", " + lit(e.errorCode()) + ", " + e.machineOpen() + ", " + lit(e.rawType())
                    + ")";
        }

        private String surveyRow(SurveyEvent e) {
            return "insert into survey_events (tenant_id, message_id, distribution_id, type, dedupe_key, occurred_at,"
                    + " received_at) values (" + lit(tenant.value()) + ", " + lit(id) + ", "
                    + lit(dimensions.distributionId()) + ", " + lit(e.step().name().toLowerCase(Locale.ROOT)) + ", "
                    + lit("se-" + SEQUENCE.incrementAndGet()) + ", " + lit(e.at()) + ", " + lit(e.at()) + ")";
        }
    }

    private record SurveyEvent(SurveyStep step, Instant at) {}

    private static void execute(TenantTransactions transactions, TenantId tenant, String sql) {
        transactions.inTenant(tenant, c -> Flux.from(c.createStatement(sql).execute())
                        .concatMap(r -> r.getRowsUpdated()))
                .blockLast(TIMEOUT);
    }

    /** A SQL literal of a test value (never user input). */
    private static String lit(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Instant at) {
            return "'" + at + "'::timestamptz";
        }
        if (value instanceof UUID id) {
            return "'" + id + "'::uuid";
        }
        return "'" + value.toString().replace("'", "''") + "'";
    }
}
