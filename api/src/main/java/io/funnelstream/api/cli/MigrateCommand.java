package io.funnelstream.api.cli;

import io.funnelstream.api.config.DatabaseMigrator;
import io.funnelstream.api.config.EmbeddedDatabaseConfiguration;
import io.funnelstream.api.config.MigrationConfiguration;
import io.funnelstream.api.config.ProductionDatabaseConfiguration;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code migrate up|down|status}: a small, non-web application context holding only the database endpoint (the
 * embedded server in the default mode, started and stopped here) and the migrator. No web server, no pool, no other
 * beans.
 */
public final class MigrateCommand {

    private final PrintStream out;
    private final PrintStream err;

    public MigrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The beans of migrate mode; deliberately not a scanned {@code @Configuration}. */
    @Import({EmbeddedDatabaseConfiguration.class, ProductionDatabaseConfiguration.class, MigrationConfiguration.class})
    static final class MigrationContext {}

    public int run(Command.Migrate command) {
        return run(command, context -> {});
    }

    /** Runs {@code command}; {@code inspect} sees the context before it closes (tests check it is not a web one). */
    int run(Command.Migrate command, Consumer<ConfigurableApplicationContext> inspect) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Quiet by default so the command's own output stands out; --logging.level.root=INFO shows more.
                .properties("logging.level.root=WARN", "logging.level.io.funnelstream=INFO")
                .run(command.options().toArray(String[]::new))) {
            inspect.accept(context);
            DatabaseMigrator migrator = context.getBean(DatabaseMigrator.class);
            switch (command.operation()) {
                case UP -> migrator.up();
                case DOWN -> migrator.downOne();
                case STATUS -> out.println(migrator.status());
            }
            return Command.OK;
        } catch (RuntimeException e) {
            err.println("migrate " + command.operation().name().toLowerCase(Locale.ROOT) + " failed: "
                    + rootMessage(e));
            return Command.FAILED;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == failure ? String.valueOf(failure.getMessage()) : failure.getMessage() + " (" + cause + ")";
    }
}
