package io.funnelstream.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class DashboardFallbackFilterTests {

    private static final Resource BUILT = new ByteArrayResource(new byte[] {1});
    private static final Resource ABSENT = new ClassPathResource("static/no-such-index.html");

    @Test
    void shouldServeIndexForTheDashboardsDeepLinks() {
        assertThat(pathSeenByHandler(BUILT, HttpMethod.GET, "/distributions/5f0c?range=7d")).isEqualTo("/index.html");
        assertThat(pathSeenByHandler(BUILT, HttpMethod.GET, "/")).isEqualTo("/index.html");
        assertThat(pathSeenByHandler(BUILT, HttpMethod.HEAD, "/settings")).isEqualTo("/index.html");
    }

    @Test
    void shouldLeaveServerRoutesAndFilesAlone() {
        for (String path : new String[] {"/api/me", "/api", "/webhooks/sendgrid/k", "/actuator/health",
                "/v3/api-docs", "/t/o/abc", "/survey-tracking.js", "/assets/index-abc.js", "/favicon.ico"}) {
            assertThat(pathSeenByHandler(BUILT, HttpMethod.GET, path)).as(path).isEqualTo(path);
        }
        assertThat(pathSeenByHandler(BUILT, HttpMethod.POST, "/distributions")).isEqualTo("/distributions");
    }

    @Test
    void shouldPassEverythingThroughWhenTheBuildHasNoDashboard() {
        assertThat(pathSeenByHandler(ABSENT, HttpMethod.GET, "/distributions/5f0c")).isEqualTo("/distributions/5f0c");
    }

    private static String pathSeenByHandler(Resource index, HttpMethod method, String uri) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, uri));
        AtomicReference<String> seen = new AtomicReference<>();
        new DashboardFallbackFilter(index)
                .filter(exchange, e -> {
                    seen.set(e.getRequest().getPath().pathWithinApplication().value());
                    return reactor.core.publisher.Mono.empty();
                })
                .block(Duration.ofSeconds(5));
        return seen.get();
    }
}
