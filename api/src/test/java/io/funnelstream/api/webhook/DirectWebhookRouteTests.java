package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;

class DirectWebhookRouteTests {

    @Test
    void shouldTakeProviderAndTenantKeyFromPlainTwoSegmentPaths() {
        assertThat(DirectWebhookRoute.route("/webhooks/twilio/whk_AbC-1.2~3")).containsExactly("twilio", "whk_AbC-1.2~3");
        assertThat(DirectWebhookRoute.route("/webhooks/x/y")).containsExactly("x", "y");
    }

    @Test
    void shouldLeaveEveryOtherPathToTheChain() {
        for (String path : List.of("/webhooks", "/webhooks/", "/webhooks/twilio", "/webhooks/twilio/",
                "/webhooks//key", "/webhooks/twilio/key/", "/webhooks/twilio/key/more", "/webhook/twilio/key",
                "/api/webhooks/twilio/key", "/webhooks/twilio/k%65y", "/webhooks/twilio/key;v=1",
                "/webhooks/twilio/k+y", "/webhooks/tw ilio/key", "/webhooks/twilio/ké")) {
            assertThat(DirectWebhookRoute.route(path)).as(path).isNull();
        }
    }

    @Test
    void shouldHandNonPostsAndOtherPathsToTheChain() {
        List<String> chained = new ArrayList<>();
        HttpHandler chain = (request, response) -> {
            chained.add(request.getMethod() + " " + request.getPath().value());
            return response.setComplete();
        };
        // No ingestion: any request this route took for itself would fail.
        HttpHandler handler = new DirectWebhookRoute(null, List.of(), true).apply(chain);

        handler.handle(MockServerHttpRequest.get("/webhooks/meta/key").build(), new MockServerHttpResponse()).block();
        handler.handle(MockServerHttpRequest.method(HttpMethod.POST, URI.create("/webhooks/meta/k%65y")).build(), new MockServerHttpResponse()).block();
        handler.handle(MockServerHttpRequest.post("/api/messages").build(), new MockServerHttpResponse()).block();

        assertThat(chained).containsExactly("GET /webhooks/meta/key", "POST /webhooks/meta/k%65y", "POST /api/messages");
    }

    @Test
    void shouldInstallNothingWhileTheFeatureIsOff() {
        HttpHandler chain = (request, response) -> response.setComplete();
        assertThat(new DirectWebhookRoute(null, List.of(), false).apply(chain)).isSameAs(chain);
    }

    @Test
    void shouldWriteBytesAsTheyAreWithLengthAndSecurityHeaders() {
        byte[] body = "{\"accepted\":1,\"duplicates\":0}".getBytes(StandardCharsets.US_ASCII);
        MockServerHttpResponse response = new MockServerHttpResponse();

        DirectWebhookRoute.write(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body), response,
                List.of()).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(response.getHeaders().getContentLength()).isEqualTo(body.length);
        assertThat(response.getBodyAsString().block()).isEqualTo("{\"accepted\":1,\"duplicates\":0}");
        DirectWebhookRoute.SECURITY_HEADERS.forEach((name, values) ->
                assertThat(response.getHeaders().get(name)).as(name).isEqualTo(values));
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void shouldWriteProblemsThroughTheServersWritersAndKeepTheirHeaders() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "later");
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "30");
        MockServerHttpResponse response = new MockServerHttpResponse();

        DirectWebhookRoute.write(ResponseEntity.status(503).headers(headers)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem), response,
                ServerCodecConfigurer.create().getWriters()).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30");
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBodyAsString().block()).contains("\"detail\":\"later\"").contains("\"status\":503");
        assertThat(response.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).contains("no-store");
    }

    @Test
    void shouldCompleteAnswersWithoutBody() {
        MockServerHttpResponse response = new MockServerHttpResponse();

        DirectWebhookRoute.write(ResponseEntity.ok().build(), response, List.of()).block();

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBodyAsString().block()).isEmpty();
        assertThat(response.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void shouldFailAnswersNoWriterCanEncode() {
        MockServerHttpResponse response = new MockServerHttpResponse();
        Mono<Void> written = DirectWebhookRoute.write(
                ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Object()), response, List.of());
        assertThatThrownBy(written::block)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no message writer");
    }
}
