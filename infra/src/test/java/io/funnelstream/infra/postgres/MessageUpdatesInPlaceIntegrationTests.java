package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline updates nearly every message soon after creating it (sent, then delivered, ...), before the version it
 * replaces can be pruned. With room on the row's page the new version stays there (a heap-only update) and no index
 * changes; without, Postgres writes it elsewhere with an entry in each of the table's indexes.
 */
class MessageUpdatesInPlaceIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    private static final int MESSAGES = 3_000;

    @Test
    void shouldKeepTheFirstUpdateOfEveryNewMessageOnItsPage() throws Exception {
        TestSql.migrations(db).up();
        try (Connection c = db.openSuperuserConnection(); Statement s = c.createStatement()) {
            String tenant = string(s, "insert into tenants (slug, name, webhook_key) values ('in-place', 'in-place',"
                    + " md5('in-place') || md5('key')) returning id");
            s.execute("insert into messages (tenant_id, distribution_id, recipient_id, survey_id, channel, provider,"
                    + " provider_message_id, status, queued_at, sent_at)"
                    + " select '" + tenant + "', null, null, null, 'email', 'sendgrid',"
                    + " 'pm-' || gen_random_uuid() || '.filter0001p1', 'sent', now(), now()"
                    + " from generate_series(1, " + MESSAGES + ")");
            c.setAutoCommit(false);
            s.execute("update messages set status = 'delivered', delivered_at = now(), updated_at = now()");
            long updated = number(s, "select pg_stat_get_xact_tuples_updated('messages'::regclass)");
            long inPlace = number(s, "select pg_stat_get_xact_tuples_hot_updated('messages'::regclass)");
            c.commit();

            assertThat(updated).isEqualTo(MESSAGES);
            assertThat(inPlace).as("heap-only updates of %d", updated).isGreaterThanOrEqualTo(MESSAGES * 95L / 100);
        }
    }

    private static String string(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static long number(Statement s, String sql) throws SQLException {
        return Long.parseLong(string(s, sql));
    }
}
