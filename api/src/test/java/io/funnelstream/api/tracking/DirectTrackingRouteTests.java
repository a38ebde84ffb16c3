package io.funnelstream.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;

class DirectTrackingRouteTests {

    @Test
    void shouldHandEverythingButPostsToTheEventsPathToTheChain() {
        List<String> chained = new ArrayList<>();
        HttpHandler chain = (request, response) -> {
            chained.add(request.getMethod() + " " + request.getPath().value());
            return response.setComplete();
        };
        // No ingestion: any request this route took for itself would fail.
        HttpHandler handler = new DirectTrackingRoute(null, null, null, true).apply(chain);

        handler.handle(MockServerHttpRequest.options(TrackingController.EVENTS).build(), new MockServerHttpResponse())
                .block();
        handler.handle(MockServerHttpRequest.get(TrackingController.SCRIPT).build(), new MockServerHttpResponse())
                .block();
        handler.handle(MockServerHttpRequest.method(HttpMethod.POST, URI.create("/api/tracking/%65vents")).build(),
                new MockServerHttpResponse()).block();
        handler.handle(MockServerHttpRequest.post("/api/tracking/events/more").build(), new MockServerHttpResponse())
                .block();

        assertThat(chained).containsExactly("OPTIONS /api/tracking/events", "GET /survey-tracking.js",
                "POST /api/tracking/%65vents", "POST /api/tracking/events/more");
    }

    @Test
    void shouldInstallNothingWhileTheFeatureIsOff() {
        HttpHandler chain = (request, response) -> response.setComplete();
        assertThat(new DirectTrackingRoute(null, null, null, false).apply(chain)).isSameAs(chain);
    }
}
