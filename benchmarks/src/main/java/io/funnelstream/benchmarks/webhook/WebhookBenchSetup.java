package io.funnelstream.benchmarks.webhook;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.crypto.SecretCipher;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.r2dbc.pool.ConnectionPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Prepares a tenant for the webhook benchmark directly in the service's database, with the service's own adapters:
 * creates it ({@code funnelstream_create_tenant}, as the app role {@code funnelstream_app}), stores its SendGrid
 * verification key and Twilio auth token sealed with the service's keyset, writes the signing half to a
 * credentials file for {@link WebhookLoadGenerator}, and prints the tenant's webhook key.
 *
 * <pre>{@code java -cp ... io.funnelstream.benchmarks.webhook.WebhookBenchSetup
 *     [jdbcUrl=jdbc:postgresql://127.0.0.1:54329/funnelstream]   (the embedded default's server)
 *     [user=funnelstream_app] [password=$FS_POSTGRES_PASSWORD]
 *     [keysetFile=${FS_DATA_DIR:-~/.funnelstream}/keyset.json]     ($FS_SECRETS_KEYSET wins, as in the service)
 *     [slug=webhook-bench-<random>] [out=webhook-bench-credentials.properties]}</pre>
 */
public final class WebhookBenchSetup {

    static final String EMBEDDED_DEFAULT = "jdbc:postgresql://127.0.0.1:54329/funnelstream";
    static final String SENDGRID_VERIFICATION_KEY = "verificationKey";
    static final String TWILIO_AUTH_TOKEN = "authToken";
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?]+|\\[[^]]+])(?::(\\d+))?/([^?]+).*");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> NAMES = Set.of("jdbcUrl", "user", "password", "keysetFile", "slug", "out");

    /** The tenant as created, and the credentials the generator signs with. */
    record Prepared(TenantRecord tenant, BenchCredentials credentials) {}

    private WebhookBenchSetup() {}

    public static void main(String[] args) {
        try {
            Arguments a = Arguments.parse(args, NAMES);
            String password = a.get("password", System.getenv().getOrDefault("FS_POSTGRES_PASSWORD", ""));
            PostgresSettings settings = settings(a.get("jdbcUrl", EMBEDDED_DEFAULT), a.get("user", "funnelstream_app"),
                    password.isBlank() ? null : password);
            SecretCipher cipher = SecretCipher.fromKeyset(keyset(System.getenv("FS_SECRETS_KEYSET"), keysetFile(a)));
            String slug = a.get("slug", "webhook-bench-" + HexFormat.of().toHexDigits(
                    ThreadLocalRandom.current().nextInt()));
            Path out = Path.of(a.get("out", "webhook-bench-credentials.properties"));
            ConnectionPool pool = PostgresConnectionFactories.pooled(settings.withPool(0, 2));
            try {
                Prepared prepared = prepare(new TenantTransactions(pool), cipher, slug,
                        BenchCredentials.generate("pending")).block(TIMEOUT);
                prepared.credentials().write(out);
                System.out.println("tenant       " + prepared.tenant().slug() + " (" + prepared.tenant().id() + ")");
                System.out.println("credentials  " + out.toAbsolutePath() + " (sendgrid verificationKey, twilio authToken)");
                System.out.println("tenant key   " + prepared.tenant().webhookKey());
            } finally {
                pool.dispose();
            }
        } catch (RuntimeException e) {
            System.err.println("webhook bench setup failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Creates the tenant and stores both providers' secrets; the credentials come back with its webhook key. */
    static Mono<Prepared> prepare(
            TenantTransactions transactions, SecretCipher cipher, String slug, BenchCredentials fresh) {
        TenantDirectory directory = PostgresAdapters.tenantDirectory(transactions);
        ProviderSecrets secrets = PostgresAdapters.providerSecrets(transactions, cipher);
        return directory.createTenant(slug, "Webhook benchmark " + slug)
                .flatMap(tenant -> secrets.put(tenant.id(), Provider.SENDGRID,
                                Map.of(SENDGRID_VERIFICATION_KEY, fresh.sendGridVerificationKey()))
                        .then(secrets.put(tenant.id(), Provider.TWILIO,
                                Map.of(TWILIO_AUTH_TOKEN, fresh.twilioAuthToken())))
                        .thenReturn(new Prepared(tenant, fresh.withTenantKey(tenant.webhookKey()))));
    }

    static PostgresSettings settings(String jdbcUrl, String user, @Nullable String password) {
        Matcher m = JDBC_URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host[:port]/database, got " + jdbcUrl);
        }
        String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        return PostgresSettings.of(host, port, m.group(3), user, password);
    }

    /** The keyset given directly wins, as in the service; otherwise the file, which the service created. */
    static String keyset(@Nullable String direct, Path file) {
        if (direct != null && !direct.isBlank()) {
            return direct;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no keyset at " + file + ": start the service once (it creates it) "
                    + "or pass keysetFile=... / FS_SECRETS_KEYSET");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path keysetFile(Arguments a) {
        String given = a.get("keysetFile");
        if (given != null) {
            return expandHome(given);
        }
        String dataDir = System.getenv().getOrDefault("FS_DATA_DIR", "~/.funnelstream");
        return expandHome(dataDir).resolve("keyset.json");
    }

    private static Path expandHome(String path) {
        return path.equals("~") || path.startsWith("~/")
                ? Path.of(System.getProperty("user.home") + path.substring(1))
                : Path.of(path);
    }
}
