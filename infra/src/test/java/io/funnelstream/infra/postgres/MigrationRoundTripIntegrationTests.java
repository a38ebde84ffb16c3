package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.testkit.PostgresTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationRoundTripIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final List<String> TABLES = List.of(
            "tenants", "api_keys", "users", "surveys", "distributions", "recipients", "messages",
            "message_events", "survey_events");
    static final List<String> FUNCTIONS = List.of(
            "funnelstream_resolve_api_key", "funnelstream_resolve_webhook_key", "funnelstream_create_tenant",
            "funnelstream_rollup_tenants", "funnelstream_claim_sends", "funnelstream_suppress_from_message",
            "funnelstream_unrecorded_sends");

    @Test
    void shouldUndoEveryChangesetOneAtATimeAndApplyThemAllAgain() throws Exception {
        Migrations migrations = TestSql.migrations(db);
        int declared = migrations.status().size();
        assertThat(declared).isGreaterThanOrEqualTo(includedFiles());
        assertThat(migrations.status()).allMatch(line -> line.startsWith("pending "));

        migrations.up();
        assertThat(migrations.status()).hasSize(declared).allMatch(line -> line.startsWith("applied "));
        assertThat(tables()).containsAll(TABLES);
        assertThat(functions()).containsExactlyInAnyOrderElementsOf(FUNCTIONS);

        for (int remaining = declared - 1; remaining >= 0; remaining--) {
            migrations.downOne();
            assertThat(applied(migrations.status())).as("applied after one more step down").isEqualTo(remaining);
        }
        assertThat(tables()).doesNotContainAnyElementsOf(TABLES);
        assertThat(functions()).isEmpty();

        migrations.downOne();
        assertThat(applied(migrations.status())).as("stepping down from nothing does nothing").isZero();

        migrations.up();
        assertThat(migrations.status()).hasSize(declared).allMatch(line -> line.startsWith("applied "));
        assertThat(tables()).containsAll(TABLES);
        assertThat(functions()).containsExactlyInAnyOrderElementsOf(FUNCTIONS);
    }

    @Test
    void shouldListChangesetsInChangelogOrder() {
        List<String> status = TestSql.migrations(db).status();

        assertThat(status.getFirst()).endsWith(" 001-app-role");
        assertThat(status.stream().map(line -> line.substring(line.indexOf(' ') + 1)).toList()).isSorted();
    }

    private static long applied(List<String> status) {
        return status.stream().filter(line -> line.startsWith("applied ")).count();
    }

    private static List<String> tables() throws SQLException {
        return TestSql.superuserStrings(db, "select tablename from pg_tables where schemaname = 'public'");
    }

    private static List<String> functions() throws SQLException {
        return TestSql.superuserStrings(db, "select p.proname from pg_proc p"
                + " join pg_namespace n on n.oid = p.pronamespace"
                + " where n.nspname = 'public' and p.proname like 'funnelstream%'");
    }

    /** Every file the master changelog includes holds at least one changeset. */
    private static int includedFiles() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                Migrations.class.getClassLoader().getResourceAsStream(Migrations.CHANGELOG))) {
            String changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (int) changelog.lines().filter(line -> line.trim().startsWith("file:")).count();
        }
    }
}
