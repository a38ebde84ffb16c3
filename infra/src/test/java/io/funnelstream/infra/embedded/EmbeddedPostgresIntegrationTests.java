package io.funnelstream.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresIntegrationTests {

    @TempDir
    Path dataDirectory;

    @Test
    void shouldKeepCommittedRowsAcrossRestartWithSameDataDirectory() throws Exception {
        var settings = new EmbeddedPostgres.Settings(dataDirectory, freePort(), Duration.ofSeconds(60));
        try (var first = EmbeddedPostgres.start(settings)) {
            assertThat(first.createDatabaseIfMissing("kept")).isTrue();
            execute(first, "create table note (body text not null)");
            execute(first, "insert into note values ('still here')");
        }
        try (var second = EmbeddedPostgres.start(settings)) {
            assertThat(second.createDatabaseIfMissing("kept")).isFalse();
            assertThat(single(second, "select body from note")).isEqualTo("still here");
            assertThat(single(second, "show fsync")).isEqualTo("on");
            assertThat(single(second, "show synchronous_commit")).isEqualTo("on");
        }
    }

    @Test
    void shouldStartEphemeralClusterOnFreePortAndDeleteItOnClose() {
        Path cluster = dataDirectory.resolve("ephemeral");
        try (var server = EmbeddedPostgres.start(new EmbeddedPostgres.Settings(cluster, 0, Duration.ofSeconds(60), true))) {
            assertThat(server.port()).isPositive();
            assertThat(server.createDatabaseIfMissing("kept")).isTrue();
            assertThat(cluster.resolve("PG_VERSION")).exists();
        }
        assertThat(cluster).doesNotExist();
    }

    @Test
    void shouldFailWithClearMessageWhenPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            var settings = new EmbeddedPostgres.Settings(dataDirectory, taken.getLocalPort(), Duration.ofSeconds(5));

            assertThatThrownBy(() -> EmbeddedPostgres.start(settings))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void shouldStopServerAbandonedByKilledOwnerAndStartAgain() throws Exception {
        int port = freePort();
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"),
                        AbandoningOwner.class.getName(), dataDirectory.toString(), Integer.toString(port))
                .inheritIO()
                .start();
        assertThat(owner.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(OrphanedServer.find(dataDirectory.toAbsolutePath())).isPresent();

        var settings = new EmbeddedPostgres.Settings(dataDirectory, port, Duration.ofSeconds(60));
        try (var server = EmbeddedPostgres.start(settings)) {
            assertThat(server.createDatabaseIfMissing("kept")).isTrue();
            assertThat(single(server, "select 1")).isEqualTo("1");
        }
        assertThat(OrphanedServer.find(dataDirectory.toAbsolutePath())).isEmpty();
    }

    @Test
    void shouldLeaveServerOfLiveOwnerAlone() throws IOException {
        var settings = new EmbeddedPostgres.Settings(dataDirectory, freePort(), Duration.ofSeconds(60));
        try (var running = EmbeddedPostgres.start(settings)) {
            assertThat(OrphanedServer.find(dataDirectory.toAbsolutePath())).isEmpty();
            assertThatThrownBy(() -> EmbeddedPostgres.start(settings)).hasMessageContaining("already in use");
            assertThat(running.createDatabaseIfMissing("kept")).isTrue();
        }
    }

    @Test
    void shouldRejectDatabaseNamesThatNeedQuoting() throws IOException {
        var settings = new EmbeddedPostgres.Settings(dataDirectory, freePort(), Duration.ofSeconds(60));
        try (var server = EmbeddedPostgres.start(settings)) {
            assertThatThrownBy(() -> server.createDatabaseIfMissing("x; drop database postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void execute(EmbeddedPostgres server, String sql) throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String single(EmbeddedPostgres server, String sql) throws SQLException {
        try (Connection c = connect(server);
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static Connection connect(EmbeddedPostgres server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("kept"), EmbeddedPostgres.SUPERUSER, null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
