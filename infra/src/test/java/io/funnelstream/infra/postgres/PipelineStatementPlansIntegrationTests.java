package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plans Postgres makes for the pipeline's lookups by key, as the service's role (under row-level security), in a
 * tenant with thousands of messages: every key is an index probe, and no statement reads all of the tenant's rows.
 * The statements run once per batch, so a plan that scans the tenant costs in proportion to the tenant's history
 * rather than to the batch.
 */
class PipelineStatementPlansIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    private static final int MESSAGES = 6_000;
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

    static UUID tenant;
    static List<String> ids;
    static List<String> providerIds;

    @BeforeAll
    static void seed() throws Exception {
        TestSql.migrations(db).up();
        try (Connection c = db.openSuperuserConnection(); Statement s = c.createStatement()) {
            List<UUID> tenants = new ArrayList<>();
            for (String slug : List.of("plans-a", "plans-b")) {
                try (ResultSet r = s.executeQuery("insert into tenants (slug, name, webhook_key) values ('" + slug
                        + "', '" + slug + "', md5('" + slug + "') || md5('key')) returning id")) {
                    r.next();
                    tenants.add(r.getObject(1, UUID.class));
                }
            }
            tenant = tenants.getFirst();
            for (UUID t : tenants) {
                s.execute("insert into messages (tenant_id, channel, provider, provider_message_id, status, queued_at)"
                        + " select '" + t + "', 'email', 'sendgrid', 'pm-' || g, 'queued', now()"
                        + " from generate_series(1, " + MESSAGES + ") g");
                s.execute("insert into message_events (tenant_id, provider, provider_event_id, provider_message_id,"
                        + " message_id, channel, type, occurred_at, received_at, raw_type)"
                        + " select tenant_id, provider, 'ev-' || provider_message_id, provider_message_id,"
                        + " case when random() < 0.5 then id end, channel, 'delivered', now(), now(), 'delivered'"
                        + " from messages where tenant_id = '" + t + "'");
            }
            ids = strings(s, "select id::text from messages where tenant_id = '" + tenant + "' order by random()"
                    + " limit 200");
            providerIds = strings(s, "select provider_message_id from messages where tenant_id = '" + tenant
                    + "' order by random() limit 200");
        }
    }

    @Test
    void shouldProbeMessagesByKeyEvenBeforeTheTableWasEverAnalyzed() throws Exception {
        String plan = plan(MessageSql.FIND, false, "'" + tenant + "'", arrayLiteral(ids),
                arrayLiteral(providerIds.stream().map(p -> "sendgrid").toList()), arrayLiteral(providerIds));

        assertThat(plan).contains("Index Scan using messages_pkey on messages")
                .contains("Index Scan using messages_provider_message_key on messages")
                .doesNotContain("Seq Scan on messages", "Bitmap Heap Scan on messages", "Hash Join");
    }

    /**
     * Whether a join by id or a scan is cheaper depends on the table's size, so the planner is asked for index probes
     * here: they are possible only if the ids are compared as they are indexed (a cast row by row is not leakproof,
     * and under row-level security it cannot drive an index).
     */
    @Test
    void shouldLetThePrimaryKeyDriveTheUpdateOfMessages() throws Exception {
        String plan = plan(MessageSql.UPDATE, true, true, withIds(MessageSql.UPDATE));

        assertThat(plan).contains("Index Scan using messages_pkey on messages")
                .doesNotContain("Seq Scan on messages", "Bitmap Heap Scan on messages");
    }

    @Test
    void shouldClaimPendingEventsThroughTheirIndexes() throws Exception {
        String plan = plan(EventSql.CLAIM, true, withIds(EventSql.CLAIM));

        assertThat(plan).doesNotContain("Seq Scan on message_events", "Bitmap Heap Scan on message_events");
        assertThat(indexCondition(plan, "message_events_pending_idx")).contains("message_id = c.id");
        assertThat(indexCondition(plan, "message_events_unmatched_idx")).contains("provider_message_id = c.pmid");
    }

    /** The index condition of the plan's scan of {@code index}. */
    private static String indexCondition(String plan, String index) {
        List<String> lines = plan.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("Index Scan using " + index + " ")) {
                return lines.get(i + 1).strip();
            }
        }
        throw new AssertionError("no scan of " + index + " in\n" + plan);
    }

    /** The tenant, then the ids, then an array of as many nulls for every other parameter. */
    private static String[] withIds(String sql) {
        int count = parameters(sql);
        String[] args = new String[count];
        args[0] = "'" + tenant + "'";
        args[1] = arrayLiteral(ids);
        for (int i = 2; i < count; i++) {
            args[i] = "'{" + String.join(",", Collections.nCopies(ids.size(), "NULL")) + "}'";
        }
        return args;
    }

    /**
     * The plan of {@code sql} prepared as the service's role and the tenant, each parameter of the type its cast in
     * the statement gives it (as the pipeline binds them), the arguments as literals of that type.
     */
    private static String plan(String sql, boolean analyzed, String... args) throws SQLException {
        return plan(sql, analyzed, false, args);
    }

    /** As {@link #plan(String, boolean, String...)}; with {@code probes}, hash joins and scans only if unavoidable. */
    private static String plan(String sql, boolean analyzed, boolean probes, String... args) throws SQLException {
        try (Connection c = db.openSuperuserConnection(); Statement s = c.createStatement()) {
            if (analyzed) {
                s.execute("analyze messages");
                s.execute("analyze message_events");
            }
            if (probes) {
                for (String setting : List.of("enable_hashjoin", "enable_mergejoin", "enable_seqscan",
                        "enable_bitmapscan")) {
                    s.execute("set " + setting + " = off");
                }
            }
            s.execute("set role " + TestSql.APP_ROLE);
            s.execute("select set_config('funnelstream.tenant_id', '" + tenant + "', false)");
            s.execute("prepare pipeline_statement as " + sql);
            List<String> lines = strings(s, "explain (costs off) execute pipeline_statement("
                    + String.join(", ", args) + ")");
            s.execute("deallocate pipeline_statement");
            return String.join("\n", lines);
        }
    }

    private static int parameters(String sql) {
        Matcher m = PARAMETER.matcher(sql);
        int max = 0;
        while (m.find()) {
            max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        return max;
    }

    private static String arrayLiteral(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "'{", "}'"));
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
