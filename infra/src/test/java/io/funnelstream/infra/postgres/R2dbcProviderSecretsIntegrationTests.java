package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.crypto.SecretCipher;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

/** Provider secrets as the service stores them: sealed, tenant-scoped, readable after a key rotation. */
class R2dbcProviderSecretsIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String KEYSET = SecretCipher.generateKeyset();

    static ConnectionPool pool;
    static TenantTransactions transactions;
    static TenantDirectory directory;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 4);
        transactions = new TenantTransactions(pool);
        directory = PostgresAdapters.tenantDirectory(transactions);
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldStoreSecretsSealedAndReadThemBack() throws Exception {
        TenantId tenant = tenant("sealed");
        ProviderSecrets secrets = PostgresAdapters.providerSecrets(transactions, SecretCipher.fromKeyset(KEYSET));

        secrets.put(tenant, Provider.TWILIO, Map.of("authToken", "tok-123456", "accountSid", "AC1"))
                .as(StepVerifier::create).expectComplete().verify(TIMEOUT);

        secrets.find(tenant, Provider.TWILIO).as(StepVerifier::create)
                .expectNext(Map.of("authToken", "tok-123456", "accountSid", "AC1"))
                .expectComplete().verify(TIMEOUT);
        try (var c = db.openSuperuserConnection();
                var query = c.prepareStatement("select sealed, secret_names from provider_credentials where tenant_id = ?")) {
            query.setObject(1, tenant.value());
            ResultSet rs = query.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("tok-123456");
            assertThat(rs.getString(2)).isEqualTo("{accountSid,authToken}");
        }
        secrets.list(tenant).as(StepVerifier::create)
                .assertNext(c -> {
                    assertThat(c.provider()).isEqualTo(Provider.TWILIO);
                    assertThat(c.names()).containsExactly("accountSid", "authToken");
                })
                .expectComplete().verify(TIMEOUT);
    }

    @Test
    void shouldKeepTenantsApartAndReplaceOnPut() {
        TenantId a = tenant("secrets-a");
        TenantId b = tenant("secrets-b");
        ProviderSecrets secrets = PostgresAdapters.providerSecrets(transactions, SecretCipher.fromKeyset(KEYSET));

        secrets.put(a, Provider.META, Map.of("appSecret", "one")).block(TIMEOUT);
        secrets.put(a, Provider.META, Map.of("appSecret", "two")).block(TIMEOUT);

        assertThat(secrets.find(a, Provider.META).block(TIMEOUT)).isEqualTo(Map.of("appSecret", "two"));
        secrets.find(b, Provider.META).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
        assertThat(secrets.delete(b, Provider.META).block(TIMEOUT)).isFalse();
        assertThat(secrets.delete(a, Provider.META).block(TIMEOUT)).isTrue();
        secrets.find(a, Provider.META).as(StepVerifier::create).expectComplete().verify(TIMEOUT);
    }

    @Test
    void shouldReadAfterRotationAndResealUnderTheNewKey() {
        TenantId tenant = tenant("rotation");
        String original = SecretCipher.generateKeyset();
        PostgresAdapters.providerSecrets(transactions, SecretCipher.fromKeyset(original))
                .put(tenant, Provider.MAILGUN, Map.of("signingKey", "key-1")).block(TIMEOUT);

        String rotated = SecretCipher.rotate(original);
        ProviderSecrets afterRotation = PostgresAdapters.providerSecrets(transactions, SecretCipher.fromKeyset(rotated));
        assertThat(afterRotation.find(tenant, Provider.MAILGUN).block(TIMEOUT)).isEqualTo(Map.of("signingKey", "key-1"));
        assertThat(afterRotation.reseal(tenant).block(TIMEOUT)).isEqualTo(1L);

        ProviderSecrets withoutOldKey = PostgresAdapters.providerSecrets(
                transactions, SecretCipher.fromKeyset(onlyNewestKey(rotated)));
        assertThat(withoutOldKey.find(tenant, Provider.MAILGUN).block(TIMEOUT)).isEqualTo(Map.of("signingKey", "key-1"));
    }

    private static String onlyNewestKey(String keysetJson) {
        try {
            var handle = com.google.crypto.tink.TinkJsonProtoKeysetFormat.parseKeyset(
                    keysetJson, com.google.crypto.tink.InsecureSecretKeyAccess.get());
            var builder = com.google.crypto.tink.KeysetHandle.newBuilder(handle);
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    builder.deleteAt(i);
                }
            }
            return com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(
                    builder.build(), com.google.crypto.tink.InsecureSecretKeyAccess.get());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TenantId tenant(String slug) {
        return directory.createTenant(slug, slug).block(TIMEOUT).id();
    }
}
