package io.funnelstream.benchmarks.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.funnelstream.engine.ingest.WebhookOutcome;
import io.funnelstream.engine.ingest.WebhookProviders;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.engine.webhook.InMemoryReplayGuard;
import io.funnelstream.engine.webhook.ProviderCredentials;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import io.funnelstream.engine.webhook.WebhookSettings;
import io.funnelstream.infra.crypto.SecretCipher;
import io.funnelstream.infra.postgres.Migrations;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.PostgresConnectionFactories;
import io.funnelstream.infra.postgres.PostgresSettings;
import io.funnelstream.infra.postgres.TenantTransactions;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/**
 * The setup against a migrated database, as the service's app role: the tenant exists, its webhook key resolves,
 * its secrets are stored sealed under the service's keyset, and what the generator signs verifies against them.
 */
class WebhookBenchSetupIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String KEYSET = SecretCipher.generateKeyset();
    static ConnectionPool pool;
    static TenantTransactions transactions;

    @TempDir
    Path dir;

    @BeforeAll
    static void migrate() {
        new Migrations(db.jdbcUrl(), db.superuser(), db.superuserPassword()).up();
        pool = PostgresConnectionFactories.pooled(
                PostgresSettings.of(db.host(), db.port(), db.database(), "funnelstream_app", null).withPool(0, 2));
        transactions = new TenantTransactions(pool);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldCreateATenantWhoseStoredSecretsVerifyWhatTheGeneratorSigns() {
        WebhookBenchSetup.Prepared prepared = WebhookBenchSetup.prepare(transactions,
                SecretCipher.fromKeyset(KEYSET), "bench-a", BenchCredentials.generate("pending")).block(TIMEOUT);
        TenantDirectory directory = PostgresAdapters.tenantDirectory(transactions);
        ProviderSecrets secrets = PostgresAdapters.providerSecrets(transactions, SecretCipher.fromKeyset(KEYSET));

        TenantId tenant = prepared.tenant().id();
        assertThat(prepared.credentials().tenantKey()).isEqualTo(prepared.tenant().webhookKey());
        assertThat(directory.resolveWebhookKey(prepared.credentials().tenantKey()).block(TIMEOUT)).isEqualTo(tenant);
        Map<String, String> sendGrid = secrets.find(tenant, Provider.SENDGRID).block(TIMEOUT);
        Map<String, String> twilio = secrets.find(tenant, Provider.TWILIO).block(TIMEOUT);
        ProviderCredentials stored = ProviderCredentials.none()
                .withSendGridVerificationKey(sendGrid.get(WebhookBenchSetup.SENDGRID_VERIFICATION_KEY))
                .withTwilioAuthToken(twilio.get(WebhookBenchSetup.TWILIO_AUTH_TOKEN));

        assertThat(verify(tenant, Provider.SENDGRID, "http://127.0.0.1:8080/webhooks/sendgrid/k",
                new SendGridBatches(prepared.credentials().sendGridPrivateKey(), 50, UniqueIds.random(),
                        Instant.now().getEpochSecond()).build(0), stored))
                .isInstanceOf(WebhookOutcome.Accepted.class);
        String url = "http://127.0.0.1:8080/webhooks/twilio/" + prepared.credentials().tenantKey();
        assertThat(verify(tenant, Provider.TWILIO, url,
                new TwilioCallbacks(prepared.credentials().twilioAuthToken(), url, UniqueIds.random()).build(0),
                stored))
                .isInstanceOf(WebhookOutcome.Accepted.class);
    }

    @Test
    void shouldWriteTheCredentialsFileFromTheCommandLine() throws Exception {
        Path keyset = Files.writeString(dir.resolve("keyset.json"), KEYSET);
        Path out = dir.resolve("bench/credentials.properties");

        WebhookBenchSetup.main(new String[] {"jdbcUrl=" + db.jdbcUrl(), "keysetFile=" + keyset, "slug=bench-cli",
            "out=" + out});

        BenchCredentials written = BenchCredentials.read(out);
        assertThat(PostgresAdapters.tenantDirectory(transactions).resolveWebhookKey(written.tenantKey())
                .block(TIMEOUT)).isNotNull();
        assertThat(Files.getPosixFilePermissions(out)).hasSize(2);
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("twilio.authToken=");
    }

    @Test
    void shouldReadJdbcUrlsAndRefuseAMissingKeyset() {
        PostgresSettings settings = WebhookBenchSetup.settings(
                "jdbc:postgresql://127.0.0.1:54329/funnelstream?sslmode=disable", "funnelstream_app", null);

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(54329);
        assertThat(settings.database()).isEqualTo("funnelstream");
        assertThat(WebhookBenchSetup.settings("jdbc:postgresql://localhost/fs", "u", null).port()).isEqualTo(5432);
        assertThatIllegalArgumentException().isThrownBy(() -> WebhookBenchSetup.settings("postgres://x/y", "u", null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WebhookBenchSetup.keyset(null, dir.resolve("absent.json")))
                .withMessageContaining("start the service once");
        assertThat(WebhookBenchSetup.keyset(KEYSET, dir.resolve("absent.json"))).isEqualTo(KEYSET);
    }

    private static WebhookOutcome verify(
            TenantId tenant, Provider provider, String url, SignedRequest request, ProviderCredentials credentials) {
        Clock clock = Clock.systemUTC();
        WebhookProviders webhooks = WebhookProviders.create(
                WebhookSettings.DEFAULT, clock, new InMemoryReplayGuard(clock, 10), certificate -> Mono.empty());
        WebhookHeaders headers = WebhookHeaders.of(request.headers().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        return webhooks.ingest(new WebhookRequest(provider, tenant, "POST", url, headers, request.body(),
                clock.instant()), credentials).block(TIMEOUT);
    }
}
