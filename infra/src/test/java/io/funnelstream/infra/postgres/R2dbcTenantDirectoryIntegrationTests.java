package io.funnelstream.infra.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.ApiKey;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.IssuedApiKey;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.testkit.PostgresTestDatabase;
import io.r2dbc.pool.ConnectionPool;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The directory as the service uses it: connected as funnelstream_app, keys resolved before any tenant is set. */
class R2dbcTenantDirectoryIntegrationTests {

    @RegisterExtension
    static PostgresTestDatabase db = new PostgresTestDatabase();

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ConnectionPool pool;
    static TenantDirectory directory;

    @BeforeAll
    static void migrate() {
        TestSql.migrations(db).up();
        pool = TestSql.appPool(db, 4);
        directory = PostgresAdapters.tenantDirectory(new TenantTransactions(pool));
    }

    @AfterAll
    static void closePool() {
        pool.dispose();
    }

    @Test
    void shouldCreateATenantWithAFreshWebhookKey() {
        TenantRecord acme = create("acme", "Acme Inc.");
        TenantRecord globex = create("globex", "Globex");

        assertThat(acme.slug()).isEqualTo("acme");
        assertThat(acme.name()).isEqualTo("Acme Inc.");
        assertThat(acme.webhookKey()).startsWith("whk_").hasSize(68).isNotEqualTo(globex.webhookKey());
        assertThat(acme.id()).isNotEqualTo(globex.id());
        assertThat(acme.toString()).doesNotContain(acme.webhookKey());
        directory.findTenant(acme.id())
                .as(StepVerifier::create)
                .expectNext(acme)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldRefuseATakenOrMalformedSlug() {
        create("taken", "First");

        directory.createTenant("taken", "Second")
                .as(StepVerifier::create)
                .expectError(TenantDirectory.SlugTakenException.class)
                .verify(TIMEOUT);
        directory.createTenant("Not A Slug", "Third")
                .as(StepVerifier::create)
                .expectError(IllegalArgumentException.class)
                .verify(TIMEOUT);
    }

    @Test
    void shouldResolveAnIssuedKeyToItsTenantAndRole() {
        TenantRecord tenant = create("resolver", "Resolver");
        IssuedApiKey issued = issue(tenant.id(), "ci", Role.ANALYST);

        assertThat(issued.plaintext()).matches("fsk_[A-Za-z0-9_-]{43}");
        assertThat(issued.key().keyPrefix()).isEqualTo(issued.plaintext().substring(0, 12));
        assertThat(issued.key().tenant()).isEqualTo(tenant.id());
        assertThat(issued.toString()).doesNotContain(issued.plaintext());
        directory.resolveApiKey(issued.plaintext())
                .as(StepVerifier::create)
                .expectNext(new ApiKeyPrincipal(issued.key().id(), tenant.id(), Role.ANALYST))
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldNotResolveARevokedKey() {
        TenantRecord tenant = create("revoker", "Revoker");
        IssuedApiKey issued = issue(tenant.id(), "old", Role.ADMIN);

        directory.revokeApiKey(tenant.id(), issued.key().id())
                .concatWith(directory.revokeApiKey(tenant.id(), issued.key().id()))
                .as(StepVerifier::create)
                .expectNext(true, false)
                .expectComplete()
                .verify(TIMEOUT);
        directory.resolveApiKey(issued.plaintext())
                .as(StepVerifier::create)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldNotResolveAWrongKey() {
        TenantRecord tenant = create("wrong-keys", "Wrong keys");
        String plaintext = issue(tenant.id(), "real", Role.VIEWER).plaintext();
        char last = plaintext.charAt(plaintext.length() - 1);
        String tampered = plaintext.substring(0, plaintext.length() - 1) + (last == 'A' ? 'B' : 'A');

        for (String wrong : List.of(tampered, ApiKeys.generate(new SecureRandom()), "", "fsk_short", "Bearer x")) {
            directory.resolveApiKey(wrong)
                    .as(StepVerifier::create)
                    .as("resolving '" + wrong + "'")
                    .expectComplete()
                    .verify(TIMEOUT);
        }
    }

    @Test
    void shouldNotLetAnotherTenantRevokeOrListAKey() {
        TenantRecord owner = create("owner", "Owner");
        TenantRecord other = create("other", "Other");
        IssuedApiKey issued = issue(owner.id(), "owned", Role.ADMIN);

        directory.revokeApiKey(other.id(), issued.key().id())
                .as(StepVerifier::create)
                .expectNext(false)
                .expectComplete()
                .verify(TIMEOUT);
        directory.listApiKeys(other.id())
                .as(StepVerifier::create)
                .expectComplete()
                .verify(TIMEOUT);
        directory.resolveApiKey(issued.plaintext())
                .map(ApiKeyPrincipal::tenant)
                .as(StepVerifier::create)
                .expectNext(owner.id())
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldListKeysLiveAndRevokedOldestFirst() {
        TenantRecord tenant = create("lister", "Lister");
        IssuedApiKey first = issue(tenant.id(), "first", Role.ADMIN);
        IssuedApiKey second = issue(tenant.id(), "second", Role.VIEWER);
        directory.revokeApiKey(tenant.id(), first.key().id())
                .as(StepVerifier::create)
                .expectNext(true)
                .expectComplete()
                .verify(TIMEOUT);

        directory.listApiKeys(tenant.id())
                .collectList()
                .as(StepVerifier::create)
                .assertNext(keys -> {
                    assertThat(keys).extracting(ApiKey::id).containsExactly(first.key().id(), second.key().id());
                    assertThat(keys).extracting(ApiKey::isRevoked).containsExactly(true, false);
                    assertThat(keys).extracting(ApiKey::role).containsExactly(Role.ADMIN, Role.VIEWER);
                })
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void shouldStoreOnlyTheHashOfAKey() throws Exception {
        TenantRecord tenant = create("hashed", "Hashed");
        IssuedApiKey issued = issue(tenant.id(), "stored", Role.ADMIN);

        List<String> stored = TestSql.superuserStrings(db,
                "select encode(key_hash, 'hex') || ' ' || key_prefix from api_keys where id = ?", issued.key().id());
        assertThat(stored).containsExactly(
                HexFormat.of().formatHex(ApiKeys.hash(issued.plaintext())) + " " + issued.key().keyPrefix());
        assertThat(TestSql.superuserStrings(db, "select count(*) from api_keys k where k::text like ?",
                        "%" + issued.plaintext().substring(12) + "%"))
                .containsExactly("0");
    }

    @Test
    void shouldResolveAWebhookKeyToItsTenant() {
        TenantRecord tenant = create("hooks", "Hooks");

        directory.resolveWebhookKey(tenant.webhookKey())
                .as(StepVerifier::create)
                .expectNext(tenant.id())
                .expectComplete()
                .verify(TIMEOUT);
        Mono.zip(directory.resolveWebhookKey("whk_" + UUID.randomUUID()).hasElement(),
                        directory.resolveWebhookKey("").hasElement())
                .as(StepVerifier::create)
                .assertNext(found -> assertThat(List.of(found.getT1(), found.getT2())).containsOnly(false))
                .expectComplete()
                .verify(TIMEOUT);
    }

    private static TenantRecord create(String slug, String name) {
        TenantRecord[] created = new TenantRecord[1];
        directory.createTenant(slug, name)
                .as(StepVerifier::create)
                .consumeNextWith(t -> created[0] = t)
                .expectComplete()
                .verify(TIMEOUT);
        return created[0];
    }

    private static IssuedApiKey issue(TenantId tenant, String name, Role role) {
        IssuedApiKey[] issued = new IssuedApiKey[1];
        directory.createApiKey(tenant, name, role)
                .as(StepVerifier::create)
                .consumeNextWith(k -> issued[0] = k)
                .expectComplete()
                .verify(TIMEOUT);
        return issued[0];
    }
}
