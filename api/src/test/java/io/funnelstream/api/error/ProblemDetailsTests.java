package io.funnelstream.api.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockUser;

import io.funnelstream.api.config.FeatureConfiguration;
import io.funnelstream.api.config.WebConfiguration;
import io.funnelstream.api.security.SecurityConfiguration;
import io.funnelstream.api.support.NoApiKeys;
import io.funnelstream.api.support.ProbeController;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Every kind of failure an HTTP caller can meet comes back as the same problem-detail shape. */
@WebFluxTest(controllers = ProbeController.class)
@Import({
    ProbeController.class,
    NoApiKeys.class,
    ErrorHandlingConfiguration.class,
    SecurityConfiguration.class,
    FeatureConfiguration.class,
    WebConfiguration.class
})
@TestPropertySource(properties = {
    "funnelstream.features.ab-testing=false",
    "funnelstream.http.max-request-size=1KB",
    "spring.http.codecs.max-in-memory-size=2KB"
})
class ProblemDetailsTests {

    private static final String PROBLEMS = "https://funnelstream.io/problems/";

    @Autowired
    WebTestClient client;

    /** A caller with the analyst role (and so the viewer's too). */
    private static SecurityMockServerConfigurers.UserExchangeMutator analyst() {
        return mockUser().roles("ANALYST", "VIEWER");
    }

    @Autowired
    ProbeController probe;

    @Test
    void shouldAnswerSwitchedOffFeatureWith404ProblemWithoutInvokingHandler() {
        client.mutateWith(analyst()).get().uri("/api/experiments/probe").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "feature-disabled")
                .jsonPath("$.title").isEqualTo("Feature disabled")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.feature").isEqualTo("ab-testing")
                .jsonPath("$.instance").isEqualTo("/api/experiments/probe");
        client.get().uri("/api/experiments/probe").exchange().expectStatus().isNotFound();

        assertThat(probe.experimentCalls()).isZero();
    }

    @Test
    void shouldServeRoutesOfFeaturesThatAreOn() {
        int before = probe.streamCalls();

        client.mutateWith(analyst()).get().uri("/api/analytics/stream/probe").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("stream ran");

        assertThat(probe.streamCalls()).isEqualTo(before + 1);
    }

    @Test
    void shouldAnswerUnknownRouteWith404Problem() {
        client.mutateWith(analyst()).get().uri("/api/nothing-here").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "not-found")
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("Nothing is served at this path.")
                .jsonPath("$.instance").isEqualTo("/api/nothing-here");
    }

    @Test
    void shouldAnswerWrongMethodWith405ProblemAndAllowHeader() {
        client.mutateWith(analyst()).delete().uri("/api/probe/echo").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "POST")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "method-not-allowed");
    }

    @Test
    void shouldAnswerWrongContentTypeWith415Problem() {
        client.mutateWith(analyst()).post().uri("/api/probe/echo")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("name=x")
                .exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "unsupported-media-type")
                .jsonPath("$.instance").isEqualTo("/api/probe/echo");
    }

    @Test
    void shouldAnswerMalformedJsonWith400ProblemWithoutParserDetails() {
        String body = client.mutateWith(analyst()).post().uri("/api/probe/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).contains("\"type\":\"" + PROBLEMS + "malformed-request\"", "\"status\":400");
        assertThat(body).doesNotContain("Unexpected end", "jackson", "line:", "column");
    }

    @Test
    void shouldAnswerInvalidContentWith400ProblemListingFields() {
        client.mutateWith(analyst()).post().uri("/api/probe/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"\"}")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void shouldAnswerDeclaredOversizedBodyWith413Problem() {
        client.mutateWith(analyst()).post().uri("/api/probe/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + "x".repeat(4_000) + "\"}")
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "content-too-large");
    }

    @Test
    void shouldAnswerStreamedOversizedBodyWith413Problem() {
        Flux<DataBuffer> chunks = Flux.range(0, 8).map(i -> DefaultDataBufferFactory.sharedInstance.wrap(
                (i == 0 ? "{\"name\": \"" : "x".repeat(500)).getBytes(StandardCharsets.UTF_8)));

        client.mutateWith(analyst()).post().uri("/api/probe/echo")
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "content-too-large");
    }

    @Test
    void shouldAnswerUnexpectedFailureWith500ProblemThatLeaksNothing() {
        String body = client.mutateWith(analyst()).get().uri("/api/probe/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).contains("\"type\":\"" + PROBLEMS + "internal-error\"", "\"reference\":");
        assertThat(body).doesNotContain("secrets", "hunter2", "select", "IllegalStateException", "at io.", "relation");
    }

    @Test
    void shouldPassProblemsRaisedByHandlersThroughUnchanged() {
        client.mutateWith(analyst()).get().uri("/api/probe/conflict").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody()
                .jsonPath("$.type").isEqualTo(PROBLEMS + "duplicate-survey")
                .jsonPath("$.title").isEqualTo("Duplicate survey")
                .jsonPath("$.detail").isEqualTo("A survey with this slug exists.")
                .jsonPath("$.instance").isEqualTo("/api/probe/conflict");
    }

    @Test
    void shouldAnswerUnauthenticatedCallerWith401ProblemNamingEachRequest() {
        for (String path : new String[] {"/api/probe/conflict", "/api/probe/boom"}) {
            client.get().uri(path).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(PROBLEMS + "unauthorized")
                    .jsonPath("$.instance").isEqualTo(path);
        }
    }
}
