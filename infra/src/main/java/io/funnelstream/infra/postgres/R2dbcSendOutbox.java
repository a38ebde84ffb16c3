package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.send.ChannelReach;
import io.funnelstream.engine.send.ClaimedSend;
import io.funnelstream.engine.send.FinishedSend;
import io.funnelstream.engine.send.MessageTemplate;
import io.funnelstream.engine.send.SendOutbox;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sending outbox in Postgres. Claims go through {@code funnelstream_claim_sends} (019: cross-tenant, FOR
 * UPDATE SKIP LOCKED, leases); every change of a claimed row runs as its tenant and only while the worker named
 * still holds it ({@code state = 'sending' and lease_owner = worker}), written in batches ({@link OutcomeWriter}).
 */
final class R2dbcSendOutbox implements SendOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAIM = """
            select id, tenant_id, distribution_id, recipient_id, survey_id, channel, address, provider, attempts,
                   template::text as template, survey_link, locale, custom::text as custom, suppressed, created_at,
                   email, phone, whatsapp, providers::text as providers, suppressions::text as suppressions
            from funnelstream_claim_sends($1, $2::timestamptz, $3::interval, $4)""";
    private static final String UNRECORDED = "select * from funnelstream_unrecorded_sends($1)";
    private static final String RECORDED =
            "update send_outbox set recorded = true where tenant_id = $1 and id = any($2::text[]::uuid[])";

    private final TenantTransactions transactions;
    private final OutcomeWriter outcomes;

    R2dbcSendOutbox(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.outcomes = new OutcomeWriter(transactions);
    }

    @Override
    public Flux<ClaimedSend> claim(String worker, Instant now, Duration lease, int max) {
        Instant until = now.plus(lease);
        // Collected before anything is emitted: the claim commits (and releases its row locks) before the rows
        // are sent, so the updates of their outcomes never wait for it.
        return transactions.inTransaction(c -> SendOutboxSql.query(c, CLAIM, row -> claimed(row, until), worker,
                        Sql.text(now), lease.toMillis() + " milliseconds", max))
                .collectList()
                .flatMapIterable(rows -> rows);
    }

    @Override
    public Mono<Boolean> sent(ClaimedSend send, String worker, String providerMessageId, Instant at) {
        return outcomes.write(new OutcomeWriter.Outcome(send, worker, "sent",
                slug(send.provider()), providerMessageId, null, null, Sql.text(at), null, false, send.arm(), false));
    }

    @Override
    public Mono<Boolean> failed(ClaimedSend send, String worker, String code, String reason, Instant at) {
        return outcomes.write(new OutcomeWriter.Outcome(send, worker, "failed",
                slug(send.provider()), null, code, reason, Sql.text(at), null, false, send.arm(), false));
    }

    @Override
    public Mono<Boolean> retryAt(ClaimedSend send, String worker, String code, String reason, Instant next) {
        return outcomes.write(new OutcomeWriter.Outcome(send, worker, "queued",
                slug(send.provider()), null, code, reason, null, Sql.text(next), false, send.arm(), false));
    }

    @Override
    public Mono<Boolean> held(ClaimedSend send, String worker, Instant until) {
        return outcomes.write(new OutcomeWriter.Outcome(send, worker, "queued",
                null, null, null, null, null, Sql.text(until), false, send.arm(), true));
    }

    @Override
    public Mono<Boolean> suppressed(ClaimedSend send, String worker, String reason, Instant at) {
        return outcomes.write(new OutcomeWriter.Outcome(send, worker, "suppressed",
                null, null, null, reason, Sql.text(at), null, true, send.arm(), false));
    }

    @Override
    public Flux<FinishedSend> unrecorded(int max) {
        return transactions.inTransaction(c -> SendOutboxSql.query(c, UNRECORDED, R2dbcSendOutbox::finished, max))
                .collectList()
                .flatMapIterable(rows -> rows);
    }

    @Override
    public Mono<Void> recorded(TenantId tenant, Collection<UUID> messageIds) {
        String[] ids = messageIds.stream().map(UUID::toString).toArray(String[]::new);
        return transactions.inTenant(tenant, c -> SendOutboxSql.update(c, RECORDED, tenant.value(), ids)).then();
    }

    private static ClaimedSend claimed(Readable row, Instant leaseUntil) {
        String provider = row.get("provider", String.class);
        String template = Sql.required(row, "template", String.class);
        JsonNode t = JSON.readTree(template);
        Map<Channel, ChannelReach> reach = reach(row);
        return new ClaimedSend(
                Sql.required(row, "id", UUID.class),
                new TenantId(Sql.required(row, "tenant_id", UUID.class)),
                Sql.required(row, "distribution_id", UUID.class),
                Sql.required(row, "recipient_id", UUID.class),
                Sql.required(row, "survey_id", UUID.class),
                Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow(),
                Sql.required(row, "address", String.class),
                provider == null ? null : Provider.fromSlug(provider).orElseThrow(),
                Sql.required(row, "attempts", Integer.class),
                new MessageTemplate(text(t, "subject"), Objects.requireNonNullElse(text(t, "text"), ""),
                        text(t, "html")),
                Sql.required(row, "survey_link", String.class),
                row.get("locale", String.class),
                fields(row.get("custom", String.class)),
                row.get("suppressed", String.class),
                Sql.required(row, "created_at", Instant.class),
                leaseUntil,
                reach);
    }

    /** How the claimed row's recipient can be reached on each channel. */
    static Map<Channel, ChannelReach> reach(Readable row) {
        Map<String, String> providers = fields(row.get("providers", String.class));
        Map<String, String> suppressions = fields(row.get("suppressions", String.class));
        Map<Channel, ChannelReach> reach = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            String address = row.get(switch (c) {
                case EMAIL -> "email";
                case SMS -> "phone";
                case WHATSAPP -> "whatsapp";
            }, String.class);
            String p = providers.get(c.slug());
            reach.put(c, new ChannelReach(address, p == null ? null : Provider.fromSlug(p).orElse(null),
                    suppressions.get(c.slug())));
        }
        return reach;
    }

    private static FinishedSend finished(Readable row) {
        String provider = row.get("provider", String.class);
        boolean sent = "sent".equals(row.get("state", String.class));
        return new FinishedSend(
                Sql.required(row, "id", UUID.class),
                new TenantId(Sql.required(row, "tenant_id", UUID.class)),
                Sql.required(row, "distribution_id", UUID.class),
                Sql.required(row, "recipient_id", UUID.class),
                Sql.required(row, "survey_id", UUID.class),
                Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow(),
                provider == null ? null : Provider.fromSlug(provider).orElseThrow(),
                sent ? row.get("provider_message_id", String.class) : null,
                row.get("error_code", String.class),
                row.get("failure_reason", String.class),
                Sql.required(row, "created_at", Instant.class),
                Sql.required(row, "finished_at", Instant.class),
                MessageSql.arm(row));
    }

    static Map<String, String> fields(@Nullable String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (json != null) {
            JSON.readTree(json).properties().forEach(e -> fields.put(e.getKey(),
                    e.getValue().isString() ? e.getValue().asString() : e.getValue().toString()));
        }
        return fields;
    }

    private static @Nullable String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static @Nullable String slug(@Nullable Provider provider) {
        return provider == null ? null : provider.slug();
    }
}
