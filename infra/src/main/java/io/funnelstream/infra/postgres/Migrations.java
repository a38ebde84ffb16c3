package io.funnelstream.infra.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.RanChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.jspecify.annotations.Nullable;

/**
 * Applies, undoes and lists the schema migrations (Liquibase formatted SQL under {@code db/migrations/} on the
 * classpath). Run it as the role that owns the tables, never as {@code funnelstream_app}.
 *
 * <p>Every method blocks on JDBC: call it at startup or from the command line, or wrap it in
 * {@code Mono.fromCallable(..).subscribeOn(Schedulers.boundedElastic())}, never on an event loop.
 */
public final class Migrations {

    /** The master changelog's classpath path; its includes are classpath paths too. */
    static final String CHANGELOG = "db/migrations/changelog.yaml";

    private final String jdbcUrl;
    private final String user;
    private final @Nullable String password;
    private final ClassLoader classLoader;

    public Migrations(String jdbcUrl, String user, @Nullable String password) {
        this(jdbcUrl, user, password, Migrations.class.getClassLoader());
    }

    /** Reads the changelog through the given class loader (tests load it from a jar). */
    Migrations(String jdbcUrl, String user, @Nullable String password, ClassLoader classLoader) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password;
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** Applies every pending changeset, in changelog order. */
    public void up() {
        withDatabase(database -> {
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .execute();
            return null;
        });
    }

    /** Rolls back exactly the most recently applied changeset; does nothing when none is applied. */
    public void downOne() {
        withDatabase(database -> {
            new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, 1)
                    .execute();
            return null;
        });
    }

    /**
     * One line per changeset in changelog order, {@code "applied <id>"} or {@code "pending <id>"}, followed
     * by {@code "applied <id> (not in changelog)"} for any recorded changeset the changelog no longer has.
     */
    public List<String> status() {
        return withDatabase(database -> {
            ResourceAccessor resources = Scope.getCurrentScope().getResourceAccessor();
            DatabaseChangeLog changeLog = ChangeLogParserFactory.getInstance()
                    .getParser(CHANGELOG, resources)
                    .parse(CHANGELOG, new ChangeLogParameters(database), resources);
            ChangeLogHistoryService history = Scope.getCurrentScope()
                    .getSingleton(ChangeLogHistoryServiceFactory.class)
                    .getChangeLogService(database);
            return describe(changeLog.getChangeSets(), history.getRanChangeSets());
        });
    }

    static List<String> describe(List<ChangeSet> declared, List<RanChangeSet> ran) {
        List<String> lines = new ArrayList<>();
        List<RanChangeSet> unmatched = new ArrayList<>(ran);
        for (ChangeSet changeSet : declared) {
            boolean applied = unmatched.removeIf(r -> r.isSameAs(changeSet));
            lines.add((applied ? "applied " : "pending ") + changeSet.getId());
        }
        for (RanChangeSet orphan : unmatched) {
            lines.add("applied " + orphan.getId() + " (not in changelog)");
        }
        return List.copyOf(lines);
    }

    @SuppressWarnings("try") // the accessor's close() declares Exception; it does not really get interrupted
    private <T> T withDatabase(LiquibaseWork<T> work) {
        try (ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(classLoader)) {
            Map<String, Object> scope = new HashMap<>();
            scope.put(Scope.Attr.resourceAccessor.name(), resources);
            scope.put(Scope.Attr.ui.name(), new LoggerUIService());
            // No usage reporting: the service must not call out to third parties, and may have no route to.
            scope.put("liquibase.analytics.enabled", Boolean.FALSE);
            return Scope.child(scope, () -> {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connect()));
                try {
                    return work.run(database);
                } finally {
                    database.close();
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException("migration against " + withoutParameters(jdbcUrl) + " failed", e);
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "funnelstream-migrations");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** URL parameters may carry a password: they stay out of messages. */
    static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @FunctionalInterface
    private interface LiquibaseWork<T> {
        T run(Database database) throws Exception;
    }

    /** A migration could not be applied, undone or listed; the cause says why. */
    public static final class MigrationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
