package io.funnelstream.api.cli;

import io.funnelstream.api.config.MigrationConfiguration;
import io.funnelstream.api.config.PersistenceConfiguration;
import io.funnelstream.api.config.PipelineProperties;
import io.funnelstream.api.config.ProductionDatabaseConfiguration;
import io.funnelstream.api.config.Profiles;
import io.funnelstream.api.config.RedisConfiguration;
import io.funnelstream.api.config.RollupStoreConfiguration;
import io.funnelstream.engine.pipeline.RebuildOutcome;
import io.funnelstream.engine.pipeline.RollupRebuilder;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.r2dbc.spi.ConnectionFactory;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import reactor.core.publisher.Flux;

/**
 * {@code rebuild-rollups <tenant-id>|--all}: recounts rollups from Postgres into Redis in a small non-web context
 * (the database, Redis, the rebuilder; no pipeline, no web server). Safe while the service runs: the store refuses
 * the tenant's windows from the start of the rebuild to its end, and they wait in the outbox meanwhile.
 *
 * <p>The embedded default keeps rollups in the service's memory, rebuilt from Postgres at every start, so there is
 * nothing for a separate process to rebuild: the command says so (a running service rebuilds on
 * {@code POST /api/admin/rollups/rebuild}).
 */
public final class RebuildRollupsCommand {

    private final PrintStream out;
    private final PrintStream err;

    public RebuildRollupsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The beans of rebuild mode; deliberately not a scanned {@code @Configuration}. */
    @Import({ProductionDatabaseConfiguration.class, MigrationConfiguration.class, PersistenceConfiguration.class,
        RedisConfiguration.class, RollupStoreConfiguration.class})
    @EnableConfigurationProperties(PipelineProperties.class)
    static class RebuildContext {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        RollupSource rollupSource(ConnectionFactory connectionFactory) {
            return PostgresAdapters.rollupSource(connectionFactory);
        }

        @Bean
        RollupRebuilder rollupRebuilder(RollupSource source, RollupStore store, PipelineProperties properties,
                Clock clock) {
            return new RollupRebuilder(source, store, properties.settings().consumerGroup(), clock, null);
        }
    }

    public int run(Command.RebuildRollups command) {
        if (!production(command.options())) {
            out.println("The embedded default keeps rollups in the service's memory and rebuilds them from Postgres "
                    + "at every start: nothing to rebuild from here. A running service rebuilds a tenant on "
                    + "POST /api/admin/rollups/rebuild.");
            return Command.OK;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RebuildContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.io.funnelstream=INFO")
                .run(command.options().toArray(String[]::new))) {
            RollupRebuilder rebuilder = context.getBean(RollupRebuilder.class);
            Flux<RebuildOutcome> outcomes = command.tenant() == null
                    ? rebuilder.rebuildAll()
                    : rebuilder.rebuild(command.tenant()).flux();
            int busy = 0;
            // A command line waits for its work: each outcome is printed as it completes.
            for (RebuildOutcome outcome : outcomes.toIterable()) {
                busy += report(outcome);
            }
            return busy == 0 ? Command.OK : Command.FAILED;
        } catch (RuntimeException e) {
            err.println("rebuild-rollups failed: " + e.getMessage());
            return Command.FAILED;
        }
    }

    private int report(RebuildOutcome outcome) {
        switch (outcome) {
            case RebuildOutcome.Rebuilt r -> {
                out.printf("rebuilt %s: %d messages, %d events, %d rollups, covering %s, in %d ms%n", r.tenant(),
                        r.messages(), r.events(), r.rollups(), r.coveredUpTo(), r.took().toMillis());
                return 0;
            }
            case RebuildOutcome.AlreadyRunning busy -> {
                err.printf("%s: a rebuild of this tenant is running already; not started%n", busy.tenant());
                return 1;
            }
        }
    }

    /** The production profile, from the environment or from a {@code --spring.profiles.active=} option. */
    static boolean production(List<String> options) {
        for (String option : options) {
            if (option.startsWith("--spring.profiles.active=")) {
                return Arrays.asList(option.substring("--spring.profiles.active=".length()).split(","))
                        .contains(Profiles.PRODUCTION);
            }
        }
        return Arrays.asList(new StandardEnvironment().getActiveProfiles()).contains(Profiles.PRODUCTION);
    }
}
