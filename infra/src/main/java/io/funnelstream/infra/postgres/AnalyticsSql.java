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
 * The SQL that counts what the rollups count, straight from the tables: one statement, one GROUP BY per kind of
 * counter, over a tenant's rows ({@code $1}) in {@code [$2, $3)}. Rows are (bucket, counter, n, ms, channel,
 * provider):
 *
 * <ul>
 *   <li>{@code stage.<stage>}: messages whose first time at the stage (the {@code <stage>_at} column) falls in the
 *       bucket;
 *   <li>{@code opens}, {@code opens.machine}, {@code clicks}: stored open and click events of known messages, by
 *       event time; {@code events.unknown}: stored events of an unknown type, known message or not;
 *   <li>{@code funnel.<step>} and {@code funnel.<step>.unique}: survey events of known messages (bots left out), all
 *       of them and each message's first of the step, by event time (an abandonment followed by a completion is
 *       no abandoned respondent);
 *   <li>{@code rt}: completions, by the time of each message's first one, grouped by the milliseconds from the
 *       message's delivery ({@code ms}), from which the response time sketch is built.
 * </ul>
 *
 * <p>Bucket starts are {@code date_trunc(<size>, time, 'UTC')}; totals put every row in one bucket, {@code $2}, and
 * count stages in one pass with {@code FILTER}. Split by route, rows carry each message's channel and provider
 * (null otherwise). Filters bind from {@code $4} on.
 */
final class AnalyticsSql {

    static final String RESPONSE_TIMES = "rt";

    private static final String SURVEY_STEPS = "('viewed', 'started', 'completed', 'abandoned')";
    private static final Stage[] STAGES = Stage.values();

    private AnalyticsSql() {}

    /** A statement and its filter values, bound from {@code $4}. */
    record Query(String sql, List<Object> filterValues) {}

    /**
     * The counts of the slice per bucket of {@code size}, or in one bucket when {@code size} is null; with each row's
     * route when {@code byRoute}.
     */
    static Query counts(Slice slice, @Nullable BucketSize size, boolean byRoute) {
        List<Object> values = new ArrayList<>();
        String channel = bind(slice.channel() == null ? null : slice.channel().slug(), values);
        String provider = bind(slice.provider() == null ? null : slice.provider().slug(), values);
        String distribution = bind(slice.distribution(), values);
        Parts m = new Parts(size, byRoute, "m.channel", "m.provider",
                filter("m.channel", channel) + filter("m.provider", provider) + filter("m.distribution_id", distribution));
        Parts e = new Parts(size, byRoute, "e.channel", "e.provider",
                filter("e.channel", channel) + filter("e.provider", provider) + filter("m.distribution_id", distribution));
        String sql = String.join("\nunion all\n",
                size == null ? stageTotals(m) : stages(m),
                events(e),
                surveyTotals(m),
                surveyUniques(m),
                responseTimes(m));
        return new Query(sql, values);
    }

    /** How one part of the statement buckets, splits and filters. */
    private record Parts(
            @Nullable BucketSize size, boolean byRoute, String channelColumn, String providerColumn, String filter) {

        String bucket(String column) {
            return size == null
                    ? "$2::timestamptz"
                    : "date_trunc('" + size.name().toLowerCase(Locale.ROOT) + "', " + column + ", 'UTC')";
        }

        /** The route columns of the select list, named or nulls. */
        String route(String prefix) {
            return byRoute
                    ? prefix + "channel, " + prefix + "provider"
                    : "null::text, null::text";
        }

        String routeColumns() {
            return byRoute ? channelColumn + " as channel, " + providerColumn + " as provider" : "";
        }

        String groupRoute() {
            return byRoute ? ", " + channelColumn + ", " + providerColumn : "";
        }
    }

    private static String stages(Parts p) {
        StringBuilder pairs = new StringBuilder();
        for (Stage stage : STAGES) {
            pairs.append(pairs.isEmpty() ? "" : ", ")
                    .append("('").append(Counter.reached(stage)).append("', m.").append(stage.slug()).append("_at)");
        }
        return "select " + p.bucket("s.at") + " as bucket, s.counter, count(*)::bigint as n, 0::bigint as ms, "
                + (p.byRoute() ? "m.channel, m.provider" : "null::text, null::text") + "\n"
                + "from messages m cross join lateral (values " + pairs + ") as s(counter, at)\n"
                + "where m.tenant_id = $1 and s.at >= $2 and s.at < $3" + p.filter() + "\n"
                + "group by 1, 2" + p.groupRoute();
    }

    /** All stages in one pass over the messages: a FILTER per stage, unpivoted. */
    private static String stageTotals(Parts p) {
        StringBuilder counts = new StringBuilder();
        StringBuilder pairs = new StringBuilder();
        for (int i = 0; i < STAGES.length; i++) {
            String column = "m." + STAGES[i].slug() + "_at";
            counts.append(", count(*) filter (where ").append(column).append(" >= $2 and ").append(column)
                    .append(" < $3) as c").append(i);
            pairs.append(i == 0 ? "" : ", ").append("('").append(Counter.reached(STAGES[i])).append("', a.c")
                    .append(i).append(")");
        }
        String routeColumns = p.byRoute() ? p.routeColumns() : "null::text as channel, null::text as provider";
        return "select $2::timestamptz, s.counter, s.n, 0::bigint, a.channel, a.provider\n"
                + "from (select " + routeColumns + counts + "\n"
                + "      from messages m where m.tenant_id = $1" + p.filter() + "\n"
                + "      group by 1, 2) a\n"
                + "cross join lateral (values " + pairs + ") as s(counter, n)\n"
                + "where s.n > 0";
    }

    private static String events(Parts p) {
        return "select " + p.bucket("e.occurred_at") + ", case"
                + " when e.type = 'opened' and e.machine_open then '" + Counter.MACHINE_OPENS + "'"
                + " when e.type = 'opened' then '" + Counter.OPENS + "'"
                + " when e.type = 'clicked' then '" + Counter.CLICKS + "'"
                + " else '" + Counter.UNKNOWN_EVENTS + "' end, count(*)::bigint, 0::bigint, "
                + (p.byRoute() ? "e.channel, e.provider" : "null::text, null::text") + "\n"
                + "from message_events e left join messages m on m.id = e.message_id\n"
                + "where e.tenant_id = $1 and e.occurred_at >= $2 and e.occurred_at < $3"
                + " and (e.type = 'unknown' or (e.type in ('opened', 'clicked') and m.id is not null))" + p.filter()
                + "\n"
                + "group by 1, 2" + p.groupRoute();
    }

    private static String surveyTotals(Parts p) {
        return "select " + p.bucket("se.occurred_at") + ", 'funnel.' || se.type, count(*)::bigint, 0::bigint, "
                + (p.byRoute() ? "m.channel, m.provider" : "null::text, null::text") + "\n"
                + "from survey_events se join messages m on m.id = se.message_id\n"
                + "where se.tenant_id = $1 and not se.is_bot and se.type in " + SURVEY_STEPS
                + " and se.occurred_at >= $2 and se.occurred_at < $3" + p.filter() + "\n"
                + "group by 1, 2" + p.groupRoute();
    }

    private static String surveyUniques(Parts p) {
        return "select " + p.bucket("f.first_at") + ", 'funnel.' || f.type || '.unique', count(*)::bigint,"
                + " 0::bigint, " + p.route("f.") + "\n"
                + "from (select se.message_id, se.type, min(se.occurred_at) as first_at, m.channel, m.provider\n"
                + "      from survey_events se join messages m on m.id = se.message_id\n"
                + "      where se.tenant_id = $1 and not se.is_bot and se.type in " + SURVEY_STEPS + p.filter() + "\n"
                + "      group by se.message_id, se.type, m.channel, m.provider"
                + " having se.type <> 'abandoned' or not exists (select 1 from survey_events c"
                + " where c.tenant_id = $1 and c.message_id = se.message_id and c.type = 'completed'"
                + " and not c.is_bot)) f\n"
                + "where f.first_at >= $2 and f.first_at < $3\n"
                + "group by 1, 2" + (p.byRoute() ? ", f.channel, f.provider" : "");
    }

    private static String responseTimes(Parts p) {
        return "select " + p.bucket("r.completed_at") + ", '" + RESPONSE_TIMES + "', count(*)::bigint, r.ms, "
                + p.route("r.") + "\n"
                + "from (select min(se.occurred_at) as completed_at,"
                + " floor(extract(epoch from (min(se.occurred_at) - m.delivered_at)) * 1000)::bigint as ms,"
                + " m.channel, m.provider\n"
                + "      from survey_events se join messages m on m.id = se.message_id\n"
                + "      where se.tenant_id = $1 and not se.is_bot and se.type = 'completed'"
                + " and m.delivered_at is not null" + p.filter() + "\n"
                + "      group by m.id, m.delivered_at, m.channel, m.provider) r\n"
                + "where r.completed_at >= $2 and r.completed_at < $3\n"
                + "group by 1, 4" + (p.byRoute() ? ", r.channel, r.provider" : "");
    }

    private static String filter(String column, @Nullable String parameter) {
        return parameter == null ? "" : " and " + column + " = " + parameter;
    }

    private static @Nullable String bind(@Nullable Object value, List<Object> values) {
        if (value == null) {
            return null;
        }
        values.add(value);
        return "$" + (3 + values.size());
    }
}
