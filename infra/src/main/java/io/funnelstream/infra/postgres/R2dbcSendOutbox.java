package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.send.ClaimedSend;
import io.funnelstream.engine.send.FinishedSend;
import io.funnelstream.engine.send.MessageTemplate;
import io.funnelstream.engine.send.SendOutbox;
import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
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
 * still holds it ({@code state = 'sending' and lease_owner = worker}).
 */
final class R2dbcSendOutbox implements SendOutbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAIM = """
            select id, tenant_id, distribution_id, recipient_id, survey_id, channel, address, provider, attempts,
                   template::text as template, survey_link, locale, custom::text as custom, suppressed, created_at
            from funnelstream_claim_sends($1, $2::timestamptz, $3::interval, $4)""";
    private static final String HELD = " where tenant_id = $1 and id = $2 and state = 'sending' and lease_owner = $3";
    private static final String SENT = "update send_outbox set state = 'sent', provider = $4, provider_message_id = $5,"
            + " finished_at = $6::timestamptz, lease_owner = null, lease_until = null" + HELD;
    private static final String FAILED = "update send_outbox set state = 'failed', provider = $4, error_code = $5,"
            + " failure_reason = $6, finished_at = $7::timestamptz, lease_owner = null, lease_until = null" + HELD;
    private static final String RETRY = "update send_outbox set state = 'queued', provider = $4, error_code = $5,"
            + " failure_reason = $6, next_attempt_at = $7::timestamptz, lease_owner = null, lease_until = null" + HELD;
    private static final String SUPPRESSED = "update send_outbox set state = 'suppressed', failure_reason = $4,"
            + " finished_at = $5::timestamptz, recorded = true, lease_owner = null, lease_until = null" + HELD;
    private static final String UNRECORDED = "select * from funnelstream_unrecorded_sends($1)";
    private static final String RECORDED =
            "update send_outbox set recorded = true where tenant_id = $1 and id = any($2::text[]::uuid[])";

    private final TenantTransactions transactions;

    R2dbcSendOutbox(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
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
        return held(send, worker, SENT, slug(send.provider()), providerMessageId, Sql.text(at));
    }

    @Override
    public Mono<Boolean> failed(ClaimedSend send, String worker, String code, String reason, Instant at) {
        return held(send, worker, FAILED, slug(send.provider()), code, reason, Sql.text(at));
    }

    @Override
    public Mono<Boolean> retryAt(ClaimedSend send, String worker, String code, String reason, Instant next) {
        return held(send, worker, RETRY, slug(send.provider()), code, reason, Sql.text(next));
    }

    @Override
    public Mono<Boolean> suppressed(ClaimedSend send, String worker, String reason, Instant at) {
        return held(send, worker, SUPPRESSED, reason, Sql.text(at));
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

    private Mono<Boolean> held(ClaimedSend send, String worker, String sql, @Nullable Object... more) {
        Object[] args = new Object[3 + more.length];
        args[0] = send.tenant().value();
        args[1] = send.messageId();
        args[2] = worker;
        System.arraycopy(more, 0, args, 3, more.length);
        return transactions.inTenant(send.tenant(), c -> SendOutboxSql.update(c, sql, args))
                .reduce(0L, Long::sum)
                .map(n -> n > 0);
    }

    private static ClaimedSend claimed(Readable row, Instant leaseUntil) {
        String provider = row.get("provider", String.class);
        String template = Sql.required(row, "template", String.class);
        JsonNode t = JSON.readTree(template);
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
                leaseUntil);
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
                Sql.required(row, "finished_at", Instant.class));
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
