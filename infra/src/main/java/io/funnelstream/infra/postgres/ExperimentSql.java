package io.funnelstream.infra.postgres;

import io.funnelstream.engine.experiment.Metric;

/** The per-variant outcome query: assignments joined with the distribution's messages and survey events. */
final class ExperimentSql {

    /**
     * Per variant, the test recipients who were sent a message of the distribution ({@code trials}) and those of them
     * who reached the stage ({@code successes}): {@code $4} is {@code delivered} (a message's delivered time) or a
     * survey event type (not from a bot). A recipient counts once, however many messages or events.
     */
    static final String OUTCOMES = """
            with sent as (
                select recipient_id, bool_or(delivered_at is not null) as delivered
                from messages
                where tenant_id = $1 and distribution_id = $3 and recipient_id is not null
                group by recipient_id),
            reached as (
                select distinct recipient_id from survey_events
                where tenant_id = $1 and distribution_id = $3 and type = $4 and not is_bot
                    and recipient_id is not null)
            select a.variant_key, count(*)::bigint as trials,
                count(*) filter (where case when $4 = 'delivered' then s.delivered
                    else r.recipient_id is not null end)::bigint as successes
            from ab_assignments a
            join sent s on s.recipient_id = a.recipient_id
            left join reached r on r.recipient_id = a.recipient_id
            where a.tenant_id = $1 and a.experiment_id = $2 and a.in_test
            group by a.variant_key""";

    private ExperimentSql() {}

    /** What {@code $4} is for the metric. */
    static String stage(Metric metric) {
        return switch (metric) {
            case DELIVERY -> "delivered";
            case VIEW -> "viewed";
            case START -> "started";
            case RESPONSE -> "completed";
        };
    }
}
