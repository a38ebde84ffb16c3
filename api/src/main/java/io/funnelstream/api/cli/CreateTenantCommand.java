package io.funnelstream.api.cli;

import io.funnelstream.api.config.AdaptersConfiguration;
import io.funnelstream.api.config.EmbeddedDatabaseConfiguration;
import io.funnelstream.api.config.MigrationConfiguration;
import io.funnelstream.api.config.PersistenceConfiguration;
import io.funnelstream.api.config.ProductionDatabaseConfiguration;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import java.io.PrintStream;
import java.time.Duration;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * {@code tenant create <slug> [name]}: a non-web context with the database and the tenant directory; creates the
 * tenant and its first admin key and prints both. The key is shown this once: only its hash is stored.
 */
public final class CreateTenantCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;

    public CreateTenantCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The beans of this mode; deliberately not a scanned {@code @Configuration}. */
    @Import({EmbeddedDatabaseConfiguration.class, ProductionDatabaseConfiguration.class, MigrationConfiguration.class,
        PersistenceConfiguration.class, AdaptersConfiguration.class})
    static final class TenantContext {}

    public int run(Command.CreateTenant command) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TenantContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties("logging.level.root=WARN", "logging.level.io.funnelstream=WARN")
                .run(command.options().toArray(String[]::new))) {
            TenantDirectory directory = context.getBean(TenantDirectory.class);
            TenantRecord tenant = directory.createTenant(command.slug(), command.name()).block(TIMEOUT);
            IssuedApiKey key = directory.createApiKey(tenant.id(), "admin (created by tenant create)", Role.ADMIN)
                    .block(TIMEOUT);
            out.println("tenant     " + tenant.slug() + " (" + tenant.id() + ")");
            out.println("admin key  " + key.plaintext());
            out.println("Keep the key: it is shown only now. Webhook URLs: GET /api/admin/webhooks with this key.");
            return Command.OK;
        } catch (TenantDirectory.SlugTakenException e) {
            err.println("tenant create failed: the slug '" + command.slug() + "' is taken");
            return Command.FAILED;
        } catch (RuntimeException e) {
            err.println("tenant create failed: " + e.getMessage());
            return Command.FAILED;
        }
    }
}
