package io.funnelstream.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

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
        HttpHandler handler = new DirectWebhookRoute(null, null, true).apply(chain);

        handler.handle(MockServerHttpRequest.get("/webhooks/meta/key").build(), new MockServerHttpResponse()).block();
        handler.handle(MockServerHttpRequest.method(HttpMethod.POST, URI.create("/webhooks/meta/k%65y")).build(), new MockServerHttpResponse()).block();
        handler.handle(MockServerHttpRequest.post("/api/messages").build(), new MockServerHttpResponse()).block();

        assertThat(chained).containsExactly("GET /webhooks/meta/key", "POST /webhooks/meta/k%65y", "POST /api/messages");
    }

    @Test
    void shouldInstallNothingWhileTheFeatureIsOff() {
        HttpHandler chain = (request, response) -> response.setComplete();
        assertThat(new DirectWebhookRoute(null, null, false).apply(chain)).isSameAs(chain);
    }
}
