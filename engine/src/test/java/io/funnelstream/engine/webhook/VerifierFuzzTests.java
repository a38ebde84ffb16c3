package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.support.Webhooks;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import reactor.core.publisher.Mono;

/** Whatever arrives, a verifier answers with a rejection and never throws or fetches anything. */
class VerifierFuzzTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:20:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ProviderCredentials CREDENTIALS = ProviderCredentials.none()
            .withSendGridVerificationKey(ecPublicKey())
            .withMailgunSigningKey("k")
            .withTwilioAuthToken("t")
            .withMeta("s", "v")
            .withUnifonicSecret("u")
            .withSnsTopicArns(Set.of("arn:aws:sns:us-east-1:123456789012:ses-events"));
    private static final List<WebhookVerifier> VERIFIERS = List.of(
            WebhookVerifiers.sendGrid(WebhookSettings.DEFAULT, CLOCK),
            WebhookVerifiers.mailgun(WebhookSettings.DEFAULT, CLOCK, new InMemoryReplayGuard(CLOCK, 100)),
            WebhookVerifiers.ses(WebhookSettings.DEFAULT, CLOCK, url -> Mono.error(new AssertionError("fetched " + url))),
            WebhookVerifiers.twilio(),
            WebhookVerifiers.meta(),
            WebhookVerifiers.unifonic());

    private static String ecPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 2000)
    void shouldRejectRandomRequests(
            @ForAll("verifiers") WebhookVerifier verifier,
            @ForAll("methods") String method,
            @ForAll("headers") WebhookHeaders headers,
            @ForAll byte[] body) {
        WebhookRequest request = Webhooks.request(verifier.provider(), method,
                "https://hooks.funnelstream.io/webhooks/x/tk?secret=nope", headers, body, NOW);

        Verification verification = Webhooks.await(verifier.verify(request, CREDENTIALS));

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    @Provide
    Arbitrary<WebhookVerifier> verifiers() {
        return Arbitraries.of(VERIFIERS);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("POST", "GET", "PUT");
    }

    @Provide
    Arbitrary<WebhookHeaders> headers() {
        Arbitrary<String> names = Arbitraries.of("X-Twilio-Email-Event-Webhook-Signature",
                "X-Twilio-Email-Event-Webhook-Timestamp", "X-Twilio-Signature", "X-Hub-Signature-256",
                "X-Unifonic-Secret", "x-amz-sns-message-type", "Content-Type");
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("1767225600", "sha256=00", "MEUCIQ==", "Notification", "application/json"));
        return Arbitraries.maps(names, values).ofMaxSize(4).map(map -> {
            String[] pairs = map.entrySet().stream()
                    .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new);
            return WebhookHeaders.of(pairs);
        });
    }

}
