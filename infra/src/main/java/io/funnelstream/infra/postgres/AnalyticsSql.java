package io.funnelstream.infra.postgres;

import io.funnelstream.engine.analytics.Slice;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The SQL that counts what the rollups count, straight from the tables: one statement, one GROUP BY per kind
 * of counter, over a tenant's rows ({@code $1}) in {@code [$2, $3)}. Rows are (bucket, counter, n, ms):
 *
 * <ul>
 *   <li>{@code stage.<stage>}: messages whose first time at the stage (the {@code <stage>_at} column) falls in
 *       the bucket;
 *   <li>{@code opens}, {@code opens.machine}, {@code clicks}: stored open and click events of known messages,
 *       by event time; {@code events.unknown}: stored events of an unknown type, known message or not;
 *   <li>{@code funnel.<step>} and {@code funnel.<step>.unique}: survey events of known messages (bots left
 *       out), all of them and each message's first of the step, by event time;
 *   <li>{@code rt}: completions, by the time of each message's first one, grouped by the milliseconds from
 *       the message's delivery ({@code ms}), from which the response time sketch is built.
 * </ul>
 *
 * <p>Bucket starts are {@code date_trunc(<size>, time, 'UTC')}; when reading totals every row is put in one
 * bucket, {@code $2}. Filters bind from {@code $4} on.
 */
final class AnalyticsSql {

    static final String RESPONSE_TIMES = "rt";

    private static final String SURVEY_STEPS = "('viewed', 'started', 'completed', 'abandoned')";

    private AnalyticsSql() {}

    /** A statement and its filter values, bound from {@code $4}. */
    record Query(String sql, List<Object> filterValues) {}

    /** The counts of the slice, per bucket of {@code size}, or in one bucket when {@code size} is null. */
    static Query counts(Slice slice, @Nullable BucketSize size) {
        List<Object> values = new ArrayList<>();
        String channel = bind(slice.channel() == null ? null : slice.channel().slug(), values);
        String provider = bind(slice.provider() == null ? null : slice.provider().slug(), values);
        String distribution = bind(slice.distribution(), values);
        Filter onMessage = new Filter("m.channel", channel, "m.provider", provider, "m.distribution_id", distribution);
        Filter onEvent = new Filter("e.channel", channel, "e.provider", provider, "m.distribution_id", distribution);
        String sql = String.join("\nunion all\n",
                stages(size, onMessage),
                events(size, onEvent),
                surveyTotals(size, onMessage),
                surveyUniques(size, onMessage),
                responseTimes(size, onMessage));
        return new Query(sql, values);
    }

    private static String stages(@Nullable BucketSize size, Filter filter) {
        StringBuilder pairs = new StringBuilder();
        for (Stage stage : Stage.values()) {
            pairs.append(pairs.isEmpty() ? "" : ", ")
                    .append("('").append(Counter.reached(stage)).append("', m.").append(stage.slug()).append("_at)");
        }
        return "select " + bucket(size, "s.at") + " as bucket, s.counter, count(*)::bigint as n, 0::bigint as ms\n"
                + "from messages m cross join lateral (values " + pairs + ") as s(counter, at)\n"
                + "where m.tenant_id = $1 and s.at >= $2 and s.at < $3" + filter + "\n"
                + "group by 1, 2";
    }

    private static String events(@Nullable BucketSize size, Filter filter) {
        return "select " + bucket(size, "e.occurred_at") + ", case"
                + " when e.type = 'opened' and e.machine_open then '" + Counter.MACHINE_OPENS + "'"
                + " when e.type = 'opened' then '" + Counter.OPENS + "'"
                + " when e.type = 'clicked' then '" + Counter.CLICKS + "'"
                + " else '" + Counter.UNKNOWN_EVENTS + "' end, count(*)::bigint, 0::bigint\n"
                + "from message_events e left join messages m on m.id = e.message_id\n"
                + "where e.tenant_id = $1 and e.occurred_at >= $2 and e.occurred_at < $3"
                + " and (e.type = 'unknown' or (e.type in ('opened', 'clicked') and m.id is not null))" + filter + "\n"
                + "group by 1, 2";
    }

    private static String surveyTotals(@Nullable BucketSize size, Filter filter) {
        return "select " + bucket(size, "se.occurred_at") + ", 'funnel.' || se.type, count(*)::bigint, 0::bigint\n"
                + "from survey_events se join messages m on m.id = se.message_id\n"
                + "where se.tenant_id = $1 and not se.is_bot and se.type in " + SURVEY_STEPS
                + " and se.occurred_at >= $2 and se.occurred_at < $3" + filter + "\n"
                + "group by 1, 2";
    }

    private static String surveyUniques(@Nullable BucketSize size, Filter filter) {
        return "select " + bucket(size, "f.first_at")
                + ", 'funnel.' || f.type || '.unique', count(*)::bigint, 0::bigint\n"
                + "from (select se.message_id, se.type, min(se.occurred_at) as first_at\n"
                + "      from survey_events se join messages m on m.id = se.message_id\n"
                + "      where se.tenant_id = $1 and not se.is_bot and se.type in " + SURVEY_STEPS + filter + "\n"
                + "      group by se.message_id, se.type) f\n"
                + "where f.first_at >= $2 and f.first_at < $3\n"
                + "group by 1, 2";
    }

    private static String responseTimes(@Nullable BucketSize size, Filter filter) {
        return "select " + bucket(size, "r.completed_at") + ", '" + RESPONSE_TIMES + "', count(*)::bigint, r.ms\n"
                + "from (select min(se.occurred_at) as completed_at,"
                + " floor(extract(epoch from (min(se.occurred_at) - m.delivered_at)) * 1000)::bigint as ms\n"
                + "      from survey_events se join messages m on m.id = se.message_id\n"
                + "      where se.tenant_id = $1 and not se.is_bot and se.type = 'completed'"
                + " and m.delivered_at is not null" + filter + "\n"
                + "      group by m.id, m.delivered_at) r\n"
                + "where r.completed_at >= $2 and r.completed_at < $3\n"
                + "group by 1, 4";
    }

    private static String bucket(@Nullable BucketSize size, String column) {
        if (size == null) {
            return "$2::timestamptz";
        }
        return "date_trunc('" + size.name().toLowerCase(Locale.ROOT) + "', " + column + ", 'UTC')";
    }

    private static @Nullable String bind(@Nullable Object value, List<Object> values) {
        if (value == null) {
            return null;
        }
        values.add(value);
        return "$" + (3 + values.size());
    }

    /** The filter of a slice on one part's columns: {@code and <column> = $n} per value set. */
    private record Filter(
            String channelColumn, @Nullable String channel,
            String providerColumn, @Nullable String provider,
            String distributionColumn, @Nullable String distribution) {

        @Override
        public String toString() {
            return clause(channelColumn, channel) + clause(providerColumn, provider)
                    + clause(distributionColumn, distribution);
        }

        private static String clause(String column, @Nullable String parameter) {
            return parameter == null ? "" : " and " + column + " = " + parameter;
        }
    }
}
