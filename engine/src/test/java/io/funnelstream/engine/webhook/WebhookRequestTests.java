package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookRequestTests {

    private static final TenantId TENANT = TenantId.of("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldJoinThePublicBaseUrlWithTheRawPathAndQuery() {
        assertThat(WebhookRequest.publicUrl("https://hooks.example.com/", "/webhooks/twilio/tk", "a=1&b=%2B2"))
                .isEqualTo("https://hooks.example.com/webhooks/twilio/tk?a=1&b=%2B2");
        assertThat(WebhookRequest.publicUrl("https://hooks.example.com", "webhooks/twilio/tk", null))
                .isEqualTo("https://hooks.example.com/webhooks/twilio/tk");
        assertThat(WebhookRequest.publicUrl("https://hooks.example.com/base", "/webhooks/x", ""))
                .isEqualTo("https://hooks.example.com/base/webhooks/x");
    }

    @Test
    void shouldDecodeTheQueryWithoutTheFragment() throws Exception {
        WebhookRequest request = request("https://h/x?hub.mode=subscribe&hub.challenge=12%2034#frag", "");

        assertThat(request.rawQuery()).isEqualTo("hub.mode=subscribe&hub.challenge=12%2034");
        assertThat(request.query().first("hub.challenge")).contains("12 34");
        assertThat(request.queryParameter("hub.mode")).contains("subscribe");
        assertThat(request("https://h/x", "").rawQuery()).isEmpty();
        assertThat(request("https://h/x?bad=%zz", "").queryParameter("bad")).isEmpty();
    }

    @Test
    void shouldMatchHeaderNamesCaseInsensitively() {
        WebhookHeaders headers = WebhookHeaders.of(Map.of("x-twilio-signature", List.of("a", "b")));

        assertThat(headers.first("X-Twilio-Signature")).contains("a");
        assertThat(headers.all("X-TWILIO-SIGNATURE")).containsExactly("a", "b");
        assertThat(headers.first("Missing")).isEmpty();
        assertThat(headers.with("X-Twilio-Signature", "c").first("x-twilio-signature")).contains("c");
    }

    @Test
    void shouldProtectTheBodyFromCallersAndCompareByContent() {
        byte[] body = {1, 2, 3};
        WebhookRequest request = new WebhookRequest(Provider.META, TENANT, "post", "https://h/x",
                WebhookHeaders.of("Content-Type", "Application/JSON; charset=utf-8"), body, NOW);
        body[0] = 9;
        request.body()[1] = 9;

        assertThat(request.body()).containsExactly(1, 2, 3);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.mediaType()).isEqualTo("application/json");
        assertThat(request).isEqualTo(new WebhookRequest(Provider.META, TENANT, "POST", "https://h/x",
                WebhookHeaders.of("content-type", "Application/JSON; charset=utf-8"), new byte[] {1, 2, 3}, NOW));
        assertThat(request.toString()).contains("3 bytes").doesNotContain("[1, 2, 3]");
    }

    private static WebhookRequest request(String url, String body) {
        return new WebhookRequest(Provider.META, TENANT, "GET", url, WebhookHeaders.empty(), body.getBytes(), NOW);
    }
}
