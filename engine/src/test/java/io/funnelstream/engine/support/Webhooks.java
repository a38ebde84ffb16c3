package io.funnelstream.engine.support;

import io.funnelstream.engine.ingest.WebhookOutcome;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.normalize.Normalized;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.Assertions;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Building requests, awaiting outcomes and computing signatures in provider tests. */
public final class Webhooks {

    public static final TenantId TENANT = TenantId.of("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b");

    private Webhooks() {}

    public static WebhookRequest request(
            Provider provider, String method, String url, WebhookHeaders headers, byte[] body, Instant receivedAt) {
        return new WebhookRequest(provider, TENANT, method, url, headers, body, receivedAt);
    }

    public static WebhookRequest post(Provider provider, String url, WebhookHeaders headers, String body,
            Instant receivedAt) {
        return request(provider, "POST", url, headers, body.getBytes(StandardCharsets.UTF_8), receivedAt);
    }

    /** The single value a Mono emits, within five seconds. */
    public static <T> T await(Mono<T> mono) {
        AtomicReference<T> result = new AtomicReference<>();
        StepVerifier.create(mono).consumeNextWith(result::set).expectComplete().verify(Duration.ofSeconds(5));
        return result.get();
    }

    /** The normalised result of an accepted request; fails the test if it was denied. */
    public static Normalized accepted(WebhookOutcome outcome) {
        Assertions.assertThat(outcome).isInstanceOf(WebhookOutcome.Accepted.class);
        return ((WebhookOutcome.Accepted) outcome).result();
    }

    /** The reason a request was denied; fails the test if it was accepted. */
    public static Verification.Reason denied(WebhookOutcome outcome) {
        Assertions.assertThat(outcome).isInstanceOf(WebhookOutcome.Denied.class);
        return ((WebhookOutcome.Denied) outcome).rejection().reason();
    }

    /** The events of an accepted request; fails the test otherwise. */
    public static java.util.List<io.funnelstream.engine.model.MessageEvent> events(WebhookOutcome outcome) {
        Normalized result = accepted(outcome);
        Assertions.assertThat(result).isInstanceOf(Normalized.Events.class);
        return ((Normalized.Events) result).events();
    }

    public static byte[] hmac(String algorithm, String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
