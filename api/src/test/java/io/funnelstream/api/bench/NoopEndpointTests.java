package io.funnelstream.api.bench;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With the bench profile: the no-op ceiling answers any body with 200, and opens nothing but itself. */
@WebFluxTest(controllers = NoopController.class)
@Import(ServiceEdge.class)
@ActiveProfiles(BenchSecurityConfiguration.PROFILE)
class NoopEndpointTests {

    private static final String PROBLEMS = "https://funnelstream.io/problems/";

    @Autowired
    WebTestClient client;

    @Test
    void shouldReadAndDiscardABodyAndAnswer200() {
        byte[] batch = new byte[200 * 1024];
        Arrays.fill(batch, (byte) 'x');

        client.post().uri("/bench/noop").contentType(MediaType.APPLICATION_JSON).bodyValue(batch).exchange()
                .expectStatus().isOk()
                .expectBody().isEmpty();
        client.post().uri("/bench/noop").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("MessageSid=SM1&MessageStatus=delivered").exchange()
                .expectStatus().isOk();
    }

    /** The service's chain would refuse this unknown key with 401: the bench chain ahead of it takes the route. */
    @Test
    void shouldLookNoApiKeyUpOnTheNoopRoute() {
        client.post().uri("/bench/noop").header(HttpHeaders.AUTHORIZATION, "Bearer fsk_not_a_key").exchange()
                .expectStatus().isOk();
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer fsk_not_a_key").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void shouldKeepEveryOtherRouteUnderTheServiceRules() {
        client.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
        client.post().uri("/api/surveys").bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
    }
}
