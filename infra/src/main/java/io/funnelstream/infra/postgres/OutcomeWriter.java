package io.funnelstream.infra.postgres;

import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.send.ClaimedSend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;

/**
 * Writes the outcomes of claimed sends in batches: the outcomes that arrive within a few milliseconds of each
 * other go to Postgres in one statement per tenant, one transaction, instead of one transaction each. Each
 * caller learns whether its row was still held by its worker (and so changed).
 */
final class OutcomeWriter {

    static final int MAX_BATCH = 256;
    static final Duration MAX_WAIT = Duration.ofMillis(5);
    static final int WRITERS = 4;
    private static final int WIDTH = 16;
    private static final String UPDATE = """
            update send_outbox o
            set state = u.state, provider = coalesce(u.provider, o.provider), provider_message_id = u.pmid,
                error_code = u.code, failure_reason = u.reason, finished_at = u.finished::timestamptz,
                next_attempt_at = coalesce(u.next::timestamptz, o.next_attempt_at), recorded = u.recorded::boolean,
                lease_owner = null, lease_until = null, attempts = o.attempts - u.refund::integer,
                experiment_id = coalesce(u.ex::uuid, o.experiment_id), variant_key = coalesce(u.va, o.variant_key),
                variant_in_test = coalesce(u.it::boolean, o.variant_in_test), channel = u.channel, address = u.address
            from unnest($2::text[]::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::text[])
                as u(id, worker, state, provider, pmid, code, reason, finished, next, recorded, ex, va, it, refund,
                     channel, address)
            where o.tenant_id = $1 and o.id = u.id and o.state = 'sending' and o.lease_owner = u.worker
            returning o.id""";

    /**
     * One row's new state, written only while {@code worker} holds it; with the variant it went out under, if any,
     * whether the claim's attempt is given back (a held message), and the channel and address it was sent on (a
     * variant may have moved it to another channel).
     */
    record Outcome(TenantId tenant, UUID id, String worker, String state, @Nullable String provider,
            @Nullable String providerMessageId, @Nullable String code, @Nullable String reason,
            @Nullable String finishedAt, @Nullable String nextAttemptAt, boolean recorded,
            @Nullable ExperimentArm arm, boolean refundAttempt, String channel, String address) {

        Outcome(ClaimedSend send, String worker, String state, @Nullable String provider,
                @Nullable String providerMessageId, @Nullable String code, @Nullable String reason,
                @Nullable String finishedAt, @Nullable String nextAttemptAt, boolean recorded,
                @Nullable ExperimentArm arm, boolean refundAttempt) {
            this(send.tenant(), send.messageId(), worker, state, provider, providerMessageId, code, reason, finishedAt,
                    nextAttemptAt, recorded, arm, refundAttempt, send.channel().slug(), send.address());
        }
    }

    private record Pending(Outcome outcome, MonoSink<Boolean> sink) {}

    private final TenantTransactions transactions;
    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();

    OutcomeWriter(TenantTransactions transactions) {
        this.transactions = transactions;
        queue.asFlux()
                .bufferTimeout(MAX_BATCH, MAX_WAIT, true)
                .flatMap(this::write, WRITERS)
                .subscribe();
    }

    /** Emits true when the row was held by the outcome's worker and now has the outcome. */
    Mono<Boolean> write(Outcome outcome) {
        return Mono.create(sink -> queue.emitNext(new Pending(outcome, sink),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5))));
    }

    private Mono<Void> write(List<Pending> batch) {
        Map<TenantId, List<Pending>> byTenant = new LinkedHashMap<>();
        batch.forEach(p -> byTenant.computeIfAbsent(p.outcome().tenant(), t -> new ArrayList<>()).add(p));
        return Flux.fromIterable(byTenant.entrySet())
                .concatMap(e -> transactions.inTenant(e.getKey(), c -> SendOutboxSql.query(c, UPDATE,
                                row -> Sql.required(row, "id", UUID.class), arguments(e.getKey(), e.getValue())))
                        .collect(HashSet<UUID>::new, Set::add)
                        .doOnNext(held -> e.getValue().forEach(p -> p.sink().success(held.contains(p.outcome().id()))))
                        .onErrorResume(error -> {
                            e.getValue().forEach(p -> p.sink().error(error));
                            return Mono.empty();
                        }))
                .then();
    }

    private static Object[] arguments(TenantId tenant, List<Pending> rows) {
        int n = rows.size();
        String[][] cols = new String[WIDTH][n];
        for (int i = 0; i < n; i++) {
            Outcome o = rows.get(i).outcome();
            cols[0][i] = o.id().toString();
            cols[1][i] = o.worker();
            cols[2][i] = o.state();
            cols[3][i] = o.provider();
            cols[4][i] = o.providerMessageId();
            cols[5][i] = o.code();
            cols[6][i] = o.reason();
            cols[7][i] = o.finishedAt();
            cols[8][i] = o.nextAttemptAt();
            cols[9][i] = Boolean.toString(o.recorded());
            ExperimentArm arm = o.arm();
            cols[10][i] = arm == null ? null : arm.experimentId().toString();
            cols[11][i] = arm == null ? null : arm.variant();
            cols[12][i] = arm == null ? null : Boolean.toString(arm.inTest());
            cols[13][i] = o.refundAttempt() ? "1" : "0";
            cols[14][i] = o.channel();
            cols[15][i] = o.address();
        }
        Object[] args = new Object[WIDTH + 1];
        args[0] = tenant.value();
        System.arraycopy(cols, 0, args, 1, WIDTH);
        return args;
    }
}
