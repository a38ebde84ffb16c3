package io.funnelstream.api.config;

import io.funnelstream.infra.postgres.Migrations;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, undoes and lists the schema migrations of the configured database, as the migration role: the
 * service's view of {@link Migrations}, shared by startup and the {@code migrate} command.
 *
 * <p>Blocking (JDBC): call it at startup or from the command line, never from an event loop.
 */
public class DatabaseMigrator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrator.class);

    private final DatabaseEndpoint endpoint;
    private final Migrations migrations;

    public DatabaseMigrator(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
        this.migrations = new Migrations(endpoint.jdbcUrl(), endpoint.migrationUser(), endpoint.migrationPassword());
    }

    /** Applies every pending changeset. */
    public void up() {
        migrations.up();
        log.info("Migrations of {} are up to date", endpoint);
    }

    /** Rolls back the most recently applied changeset. */
    public void downOne() {
        migrations.downOne();
        log.info("Rolled back the last migration of {}", endpoint);
    }

    /** One line per changeset: applied or pending. */
    public String status() {
        List<String> lines = migrations.status();
        return String.join(System.lineSeparator(), lines);
    }
}
