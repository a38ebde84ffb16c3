package io.funnelstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funnelstream.api.error.ProblemMapper;
import io.funnelstream.api.error.ProblemResponder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class DirectResponsesTests {

    private static final MockServerHttpRequest REQUEST = MockServerHttpRequest.post("/webhooks/meta").build();

    private static final DirectResponses RESPONSES =
            new DirectResponses(new ProblemMapper(), new ProblemResponder(ServerCodecConfigurer.create()));

    private static Mono<Void> responses(ResponseEntity<?> answer, ServerHttpResponse response) {
        return RESPONSES.write(answer, REQUEST, response);
    }

    @Test
    void shouldWriteBytesAsTheyAreWithLengthAndSecurityHeaders() {
        byte[] body = "{\"accepted\":1,\"duplicates\":0}".getBytes(StandardCharsets.US_ASCII);
        MockServerHttpResponse response = new MockServerHttpResponse();

        responses(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getContentLength()).isEqualTo(body.length);
        assertThat(response.getBodyAsString().block()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
        DirectResponses.SECURITY_HEADERS.forEach((name, values) ->
                assertThat(response.getHeaders().get(name)).as(name).isEqualTo(values));
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void shouldWriteProblemsThroughTheResponderAndKeepTheirHeaders() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "later");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "30");
        MockServerHttpResponse response = new MockServerHttpResponse();

        responses(ResponseEntity.status(503).headers(headers)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBodyAsString().block()).contains("\"detail\":\"later\"").contains("\"status\":503");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
    }

    @Test
    void shouldCompleteAnswersWithoutBody() {
        MockServerHttpResponse response = new MockServerHttpResponse();

        responses(ResponseEntity.ok().build(), response).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block()).isEmpty();
        assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void shouldFailAnswersOfAnyOtherBody() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        Mono<Void> written = responses(
                ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("a challenge"), response);
        assertThatThrownBy(written::block)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bytes or a problem detail");
    }

    @Test
    void shouldGiveAProblemWithoutInstanceTheRequestPath() {
        MockServerHttpResponse response = new MockServerHttpResponse();

        responses(ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(ProblemDetail.forStatus(400)), response).block();

        assertThat(response.getBodyAsString().block()).contains("\"instance\":\"/webhooks/meta\"");
    }
}
