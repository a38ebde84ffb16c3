package io.funnelstream.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.funnelstream.engine.support.Generators;
import io.funnelstream.engine.support.Webhooks;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
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

    private static final Gen<String> HEADER_NAMES = arbitrary().pick("X-Twilio-Email-Event-Webhook-Signature",
            "X-Twilio-Email-Event-Webhook-Timestamp", "X-Twilio-Signature", "X-Hub-Signature-256",
            "X-Unifonic-Secret", "x-amz-sns-message-type", "Content-Type");
    private static final Gen<String> HEADER_VALUES = Generators.text(40)
            .mix(arbitrary().pick("1767225600", "sha256=00", "MEUCIQ==", "Notification", "application/json"));

    private static String ecPublicKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldRejectRandomRequests() {
        Gen<WebhookVerifier> verifiers = arbitrary().pick(VERIFIERS).describedAs(v -> v.provider().slug());
        Gen<String> methods = arbitrary().pick("POST", "GET", "PUT");

        qt().withExamples(2000)
                .forAll(verifiers, methods, headers(), Generators.bytes(255))
                .checkAssert(VerifierFuzzTests::rejects);
    }

    private static void rejects(WebhookVerifier verifier, String method, WebhookHeaders headers, byte[] body) {
        WebhookRequest request = Webhooks.request(verifier.provider(), method,
                "https://hooks.funnelstream.io/webhooks/x/tk?secret=nope", headers, body, NOW);

        Verification verification = Webhooks.await(verifier.verify(request, CREDENTIALS));

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
    }

    /** Up to four distinct headers, each with one value. */
    private static Gen<WebhookHeaders> headers() {
        Gen<String[]> pair = HEADER_NAMES.zip(HEADER_VALUES, (name, value) -> new String[] {name, value});
        Gen<List<String[]>> pairs = lists().of(pair).ofSizeBetween(0, 4);
        return pairs.map(list -> {
            Map<String, String> map = new LinkedHashMap<>();
            list.forEach(nameAndValue -> map.putIfAbsent(nameAndValue[0], nameAndValue[1]));
            String[] namesAndValues = map.entrySet().stream()
                    .flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                    .toArray(String[]::new);
            return WebhookHeaders.of(namesAndValues);
        });
    }
}
