package io.funnelstream.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.api.TestFiles;
import io.funnelstream.engine.model.ApiKeyPrincipal;
import io.funnelstream.engine.model.Role;
import io.funnelstream.engine.model.TenantRecord;
import io.funnelstream.engine.port.TenantDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** API keys end to end: resolved per request against the real directory, roles enforced, refusals as problems. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeySecurityIntegrationTests {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String PROBLEMS = "https://funnelstream.io/problems/";

    @Autowired
    WebTestClient client;

    @Autowired
    TenantDirectory directory;

    @Autowired
    FirstStartBootstrap bootstrap;

    /** Fixed for this class: a ${random.uuid} placeholder would be drawn anew on every resolution. */
    static final Path BOOTSTRAP_KEY_FILE =
            TestFiles.directory().resolve("admin-key-" + UUID.randomUUID());

    @DynamicPropertySource
    static void bootstrapKeyFile(DynamicPropertyRegistry registry) {
        registry.add("funnelstream.bootstrap.admin-key-file", BOOTSTRAP_KEY_FILE::toString);
    }

    TenantRecord acme;
    String admin;
    String analyst;
    String viewer;
    String otherAdmin;

    @AfterAll
    void removeKeyFile() throws Exception {
        Files.deleteIfExists(BOOTSTRAP_KEY_FILE);
    }

    @BeforeAll
    void keys() {
        acme = directory.createTenant("acme", "Acme").block(TIMEOUT);
        admin = key(acme, Role.ADMIN);
        analyst = key(acme, Role.ANALYST);
        viewer = key(acme, Role.VIEWER);
        otherAdmin = key(directory.createTenant("globex", "Globex").block(TIMEOUT), Role.ADMIN);
    }

    @Test
    void shouldRefuseACallWithoutAKeyAsProblemWithAChallenge() {
        client.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"funnelstream\"")
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/me");
    }

    @Test
    void shouldRefuseUnknownMalformedAndNonBearerKeysAlike() {
        for (String authorization : new String[] {"Bearer fsk_notakey", "Bearer ", "Basic dXNlcjpwYXNz"}) {
            client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, authorization).exchange()
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
        }
        client.get().uri("/api/me").header("X-API-Key", "fsk_" + "x".repeat(300)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void shouldTellEachKeyItsTenantAndRoleByEitherHeader() {
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + viewer).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.tenant").isEqualTo(acme.id().toString())
                .jsonPath("$.role").isEqualTo("viewer");
        client.get().uri("/api/me").header("X-API-Key", analyst).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.role").isEqualTo("analyst");
    }

    @Test
    void shouldKeepAdministrationToAdmins() {
        for (String key : new String[] {viewer, analyst}) {
            client.get().uri("/api/admin/api-keys").header("X-API-Key", key).exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "forbidden");
        }
        client.get().uri("/actuator/metrics").header("X-API-Key", analyst).exchange().expectStatus().isForbidden();
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void shouldLetViewersReadButNotChange() {
        client.post().uri("/api/probe-of-a-change").header("X-API-Key", viewer).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/probe-of-a-change").header("X-API-Key", analyst).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void shouldIssueListAndRevokeKeysShowingTheSecretOnce() {
        Map<?, ?> created = client.post().uri("/api/admin/api-keys").header("X-API-Key", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "dashboard", "role", "viewer"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String secret = (String) created.get("key");
        String id = (String) created.get("id");
        assertThat(secret).startsWith("fsk_");

        client.get().uri("/api/me").header("X-API-Key", secret).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("viewer");
        String listing = client.get().uri("/api/admin/api-keys").header("X-API-Key", admin).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(listing).contains(id, "dashboard").doesNotContain(secret);

        client.delete().uri("/api/admin/api-keys/" + id).header("X-API-Key", otherAdmin).exchange()
                .expectStatus().isNotFound();
        client.delete().uri("/api/admin/api-keys/" + id).header("X-API-Key", admin).exchange()
                .expectStatus().isNoContent();
        client.get().uri("/api/me").header("X-API-Key", secret).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void shouldRefuseAnInvalidKeyRequestWithAProblem() {
        client.post().uri("/api/admin/api-keys").header("X-API-Key", admin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "", "role", "owner"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void shouldCreateTheDefaultTenantOnFirstStartWithAnOwnerOnlyKeyFile() throws Exception {
        Path file = BOOTSTRAP_KEY_FILE;
        // The service does it on ApplicationReady, asynchronously: wait for the file, with a deadline.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        ApiKeyPrincipal principal = directory.resolveApiKey(key).block(TIMEOUT);

        assertThat(principal).isNotNull();
        assertThat(principal.role()).isEqualTo(Role.ADMIN);
        assertThat(directory.findTenant(principal.tenant()).block(TIMEOUT).slug()).isEqualTo("default");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(bootstrap.bootstrap().blockOptional(TIMEOUT)).as("a second start creates nothing").isEmpty();
    }

    private String key(TenantRecord tenant, Role role) {
        return directory.createApiKey(tenant.id(), role.slug(), role).block(TIMEOUT).plaintext();
    }
}
