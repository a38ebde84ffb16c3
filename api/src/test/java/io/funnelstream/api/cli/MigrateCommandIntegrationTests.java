package io.funnelstream.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.support.LocalPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;

/** {@code migrate up|down|status} against a real database, in a context that has no web server. */
class MigrateCommandIntegrationTests {

    private static String database = "";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final MigrateCommand command = new MigrateCommand(print(out), print(err));

    @BeforeAll
    static void createDatabase() {
        database = LocalPostgres.createDatabase("platform_migrate");
    }

    @AfterAll
    static void dropDatabase() {
        LocalPostgres.dropDatabase(database);
    }

    @Test
    void shouldReportStatusApplyAndUndoWithoutWebServer() {
        List<String> seen = new ArrayList<>();

        int status = command.run(migrate(Command.Operation.STATUS, production(database)), context -> {
            seen.add("web server context: " + (context instanceof WebServerApplicationContext));
            seen.add("http handlers: " + context.getBeansOfType(HttpHandler.class).size());
        });

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pending 001-app-role", "pending 090-event-log");
        assertThat(seen).containsExactly("web server context: false", "http handlers: 0");

        List<String> declared = statusLines(out.toString(StandardCharsets.UTF_8));
        assertThat(command.run(migrate(Command.Operation.UP, production(database)))).isZero();
        assertThat(LocalPostgres.tableExists(database, "messages")).isTrue();
        assertThat(LocalPostgres.tableExists(database, "event_log")).isTrue();
        assertThat(currentStatus()).allMatch(line -> line.startsWith("applied "));

        // Down undoes exactly one step: the last changeset, nothing before it.
        assertThat(command.run(migrate(Command.Operation.DOWN, production(database)))).isZero();
        List<String> after = currentStatus();
        assertThat(after).filteredOn(line -> line.startsWith("pending ")).containsExactly(declared.getLast());
        assertThat(after.subList(0, after.size() - 1)).allMatch(line -> line.startsWith("applied "));
        assertThat(LocalPostgres.tableExists(database, "messages")).isTrue();
    }

    /** The status now, as the command prints it: one line per changeset in changelog order. */
    private List<String> currentStatus() {
        out.reset();
        assertThat(command.run(migrate(Command.Operation.STATUS, production(database)))).isZero();
        return statusLines(out.toString(StandardCharsets.UTF_8));
    }

    private static List<String> statusLines(String printed) {
        return printed.lines().map(String::strip)
                .filter(line -> line.startsWith("applied ") || line.startsWith("pending "))
                .toList();
    }

    @Test
    void shouldExitWithOneWhenDatabaseIsUnreachable() {
        List<String> options = production(database).stream()
                .map(option -> option.startsWith("--funnelstream.postgres.port=")
                        ? "--funnelstream.postgres.port=" + LocalPostgres.freePort()
                        : option)
                .toList();

        int status = command.run(migrate(Command.Operation.UP, options));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("migrate up failed", "migration against jdbc:postgresql://127.0.0.1:")
                .doesNotContain("password");
    }

    @Test
    void shouldStartEmbeddedServerForStatusInDefaultMode(@TempDir Path dataDirectory) {
        int status = command.run(migrate(Command.Operation.STATUS, List.of(
                "--funnelstream.embedded.postgres.data-dir=" + dataDirectory,
                "--funnelstream.embedded.postgres.port=" + LocalPostgres.freePort(),
                "--funnelstream.embedded.postgres.ephemeral=false")));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pending 001-app-role");
        assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    private static Command.Migrate migrate(Command.Operation operation, List<String> options) {
        return new Command.Migrate(operation, options);
    }

    private static List<String> production(String database) {
        return List.of(
                "--spring.profiles.active=production",
                "--funnelstream.postgres.host=" + LocalPostgres.HOST,
                "--funnelstream.postgres.port=" + LocalPostgres.PORT,
                "--funnelstream.postgres.database=" + database);
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}
