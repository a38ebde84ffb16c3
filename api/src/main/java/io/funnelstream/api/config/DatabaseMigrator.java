package io.funnelstream.api.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.StatusCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies, undoes and lists the schema migrations of the configured database, as the migration role.
 *
 * <p>Blocking (JDBC): call it at startup or from the command line, never from an event loop. When the changelog is not
 * on the classpath there is nothing to migrate and every operation says so instead of failing.
 */
public class DatabaseMigrator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseMigrator.class);
    private static final String CHANGELOG_FILE = UpdateCommandStep.CHANGELOG_FILE_ARG.getName();

    private final DatabaseEndpoint endpoint;
    private final String changelog;

    public DatabaseMigrator(DatabaseEndpoint endpoint, String changelog) {
        this.endpoint = endpoint;
        this.changelog = changelog;
    }

    /** Whether there is a changelog to apply. */
    public boolean hasChangelog() {
        return classLoader().getResource(changelog) != null;
    }

    /** Applies every pending changeset. */
    public void up() {
        if (skipped("up")) {
            return;
        }
        run(UpdateCommandStep.COMMAND_NAME, Map.of(CHANGELOG_FILE, changelog));
        log.info("Migrations of {} are up to date", endpoint);
    }

    /** Rolls back the most recently applied changeset. */
    public void downOne() {
        if (skipped("down")) {
            return;
        }
        run(RollbackCountCommandStep.COMMAND_NAME, Map.of(
                CHANGELOG_FILE, changelog,
                RollbackCountCommandStep.COUNT_ARG.getName(), 1));
        log.info("Rolled back the last migration of {}", endpoint);
    }

    /** A human-readable list of the changesets not applied yet. */
    public String status() {
        if (skipped("status")) {
            return "No migrations packaged (" + changelog + " is not on the classpath).";
        }
        return run(StatusCommandStep.COMMAND_NAME, Map.of(
                CHANGELOG_FILE, changelog,
                StatusCommandStep.VERBOSE_ARG.getName(), true));
    }

    private boolean skipped(String operation) {
        if (hasChangelog()) {
            return false;
        }
        log.info("Migrate {}: {} is not on the classpath, nothing to do", operation, changelog);
        return true;
    }

    private String run(String[] command, Map<String, Object> arguments) {
        var output = new ByteArrayOutputStream();
        try (Connection connection = connect()) {
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(classLoader()),
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.analytics.enabled", false);
            Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                var commandScope = new CommandScope(command)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .setOutput(output);
                arguments.forEach(commandScope::addArgumentValue);
                commandScope.execute();
            });
        } catch (SQLException e) {
            throw new MigrationException("Cannot connect to " + endpoint + " as " + endpoint.migrationUser(), e);
        } catch (Exception e) {
            throw new MigrationException("Migration " + String.join(" ", command) + " failed on " + endpoint, e);
        }
        return output.toString(StandardCharsets.UTF_8);
    }

    private Connection connect() throws SQLException {
        @Nullable String password = endpoint.migrationPassword();
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.migrationUser(), password);
    }

    private static ClassLoader classLoader() {
        return DatabaseMigrator.class.getClassLoader();
    }

    /** A migration could not run or did not finish; the message names the database, never credentials. */
    public static final class MigrationException extends RuntimeException {

        MigrationException(String message, Throwable cause) {
            super(message + ": " + cause.getMessage(), cause);
        }
    }
}
