package io.funnelstream.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code survey-tracking.js} in a real browser: a survey page served from another origin (so every beacon is a CORS
 * request) includes the tracker from the running service; headless Chromium, driven over the DevTools protocol,
 * opens it for two recipients, types and clicks like a person, submits one survey and closes the other's tab
 * half-way. The funnel then read through the REST API shows two views, two starts, one completion and one
 * abandonment. Needs {@code /usr/bin/chromium} (Debian's {@code chromium} package); skipped without it.
 */
class SurveyTrackerBrowserIntegrationTests extends TrackingIntegrationTestSupport {

    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Survey</title>
            <script src="http://127.0.0.1:%d/survey-tracking.js" async></script></head>
            <body><form id="survey" action="/thanks" method="get">
            <div data-question="0"><label>Your name <input id="q0" name="q0"></label></div>
            <div data-question="1"><label><input id="q1" type="radio" name="q1" value="yes"> Yes</label></div>
            <button id="send" type="submit">Send</button>
            </form></body></html>""";

    private HttpServer pages;

    @BeforeEach
    void servePages() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Cdp.CHROMIUM), "needs /usr/bin/chromium (apt-get install chromium)");
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().startsWith("/thanks")
                    ? "<!doctype html><p>Thank you</p>".getBytes(StandardCharsets.UTF_8)
                    : PAGE.formatted(port).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        pages.start();
    }

    @AfterEach
    void stopPages() {
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void shouldTrackViewStartProgressCompletionAndAbandonmentFromARealBrowser() throws IOException {
        Recipient completes = deliveredMessage();
        Recipient leaves = deliveredMessage(completes.tenant(), completes.viewerKey());
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();

        try (Cdp browser = Cdp.launch(BROWSER)) {
            String tab = browser.newTab();
            browser.navigate(tab, origin + "/survey?ft=" + completes.token());
            await("the tracker loaded", () -> browser.eval(tab, "!!window.FunnelTracker").asBoolean());
            browser.click(tab, "#q0");
            browser.type(tab, "Ada");
            browser.click(tab, "#q1");
            browser.click(tab, "#send");
            await("the thank-you page", () -> browser.evalAcrossNavigation(tab, "location.pathname")
                    .filter(path -> path.asString().equals("/thanks")).isPresent());
            browser.closeTab(tab);

            String other = browser.newTab();
            browser.navigate(other, origin + "/survey?ft=" + leaves.token());
            await("the tracker loaded", () -> browser.eval(other, "!!window.FunnelTracker").asBoolean());
            browser.click(other, "#q0");
            browser.type(other, "Bob");
            await("the start sent", () -> stored(leaves.tenant()).stream().anyMatch(r -> r.startsWith("started")));
            browser.closeTab(other);

            assertEventually("the funnel in the REST API", () -> assertThat(funnel(completes))
                    .containsExactly("sent 2", "delivered 2", "viewed 2", "started 2", "completed 1"));
            assertEventually("the abandonment counted", () -> {
                JsonNode total = overview(completes);
                assertThat(total.at("/counts/survey/abandoned/recipients").asLong()).isEqualTo(1);
                assertThat(total.at("/responseTime/count").asLong()).isEqualTo(1);
            });
        }
        assertThat(stored(completes.tenant()))
                .anySatisfy(row -> assertThat(row).startsWith("progress").contains("Chrome/131"))
                .anySatisfy(row -> assertThat(row).startsWith("completed").contains("\"lang\""))
                .noneSatisfy(row -> assertThat(row).contains(" bot "));
    }
}
