package io.funnelstream.engine.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.support.Generators;
import io.funnelstream.engine.support.JsonWriter;
import io.funnelstream.engine.support.Samples;
import io.funnelstream.engine.support.Webhooks;
import io.funnelstream.engine.webhook.Verification;
import io.funnelstream.engine.webhook.WebhookHeaders;
import io.funnelstream.engine.webhook.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Whatever bytes arrive, a normaliser answers with a result and never throws. */
class NormalizerFuzzTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:20:00Z");
    private static final List<Provider> PROVIDERS =
            List.of(Provider.SENDGRID, Provider.MAILGUN, Provider.SES, Provider.TWILIO, Provider.META, Provider.UNIFONIC);
    private static final List<String> CONTENT_TYPES =
            List.of("application/json", "application/x-www-form-urlencoded", "text/plain", "");
    private static final Gen<Provider> ANY_PROVIDER = arbitrary().pick(PROVIDERS);
    private static final Gen<String> ANY_CONTENT_TYPE = arbitrary().pick(CONTENT_TYPES);
    private static final List<Sample> SAMPLES = List.of(
            new Sample(Provider.SENDGRID, "sendgrid_event_batch.json", "application/json", body -> body),
            new Sample(Provider.MAILGUN, "mailgun_failed_permanent.json", "application/json", body -> body),
            new Sample(Provider.SES, "sns_envelope_ses_bounce.json", "text/plain", body -> body),
            new Sample(Provider.SES, "ses_event_bounce_permanent.json", "text/plain", NormalizerFuzzTests::inSns),
            new Sample(Provider.TWILIO, "twilio_sms_status_undelivered.form", "", body -> body),
            new Sample(Provider.TWILIO, "twilio_whatsapp_status_read.form", "", body -> body),
            new Sample(Provider.META, "meta_whatsapp_status_failed.json", "application/json", body -> body),
            new Sample(Provider.UNIFONIC, "unifonic_conversation_status.json", "application/json", body -> body),
            new Sample(Provider.UNIFONIC, "unifonic_dlr_legacy.form", "", body -> body));

    /** A sample file, the provider it belongs to, and how it travels (an SES event inside an SNS envelope). */
    record Sample(Provider provider, String file, String contentType, UnaryOperator<byte[]> wrap) {}

    private static byte[] inSns(byte[] sesEvent) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("Type", "Notification");
        envelope.put("MessageId", "5f0e9d8c");
        envelope.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:ses-events");
        envelope.put("Message", new String(sesEvent, StandardCharsets.UTF_8));
        envelope.put("Timestamp", "2026-01-01T00:00:13.000Z");
        return JsonWriter.write(envelope).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldRejectRandomBytesAsMalformed() {
        qt().withExamples(1500)
                .forAll(ANY_PROVIDER, ANY_CONTENT_TYPE, Generators.bytes(255))
                .checkAssert((provider, contentType, body) ->
                        assertThat(normalize(provider, "POST", "", contentType, body))
                                .isInstanceOf(Normalized.Rejected.class));
    }

    @Test
    void shouldRejectRandomTextAsMalformed() {
        qt().withExamples(1500)
                .forAll(ANY_PROVIDER, ANY_CONTENT_TYPE, Generators.text(255))
                .checkAssert((provider, contentType, body) ->
                        assertThat(normalize(provider, "POST", "", contentType, body.getBytes(StandardCharsets.UTF_8)))
                                .isInstanceOf(Normalized.Rejected.class));
    }

    @Test
    void shouldNeverThrowOnMutatedSamples() {
        qt().withExamples(3000).forAll(mutatedSamples()).checkAssert(mutated ->
                assertThatCode(() -> normalize(mutated.provider(), "POST", "", mutated.contentType(), mutated.body()))
                        .doesNotThrowAnyException());
    }

    @Test
    void shouldNeverThrowOnRandomQueries() {
        qt().withExamples(1000).forAll(ANY_PROVIDER, Generators.text(255)).checkAssert((provider, query) -> {
            String encoded = query.replace("#", "%23");

            assertThatCode(() -> normalize(provider, "GET", encoded, "", new byte[0])).doesNotThrowAnyException();
        });
    }

    private static Normalized normalize(Provider provider, String method, String query, String contentType,
            byte[] body) {
        Normalizer normalizer = Normalizers.forProvider(provider, WebhookSettings.DEFAULT).orElseThrow();
        String url = "https://hooks.funnelstream.io/webhooks/" + provider.slug() + "/tk" + (query.isEmpty() ? "" : "?" + query);
        WebhookHeaders headers = contentType.isEmpty() ? WebhookHeaders.empty() : WebhookHeaders.of("Content-Type", contentType);
        return normalizer.normalize(new Verification.Verified(
                Webhooks.request(provider, method, url, headers, body, NOW)));
    }

    /** A provider's own sample, damaged. */
    record Mutated(Provider provider, String contentType, byte[] body) {
        @Override
        public String toString() {
            return provider + " " + contentType + " " + new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Gen<Mutated> mutatedSamples() {
        return arbitrary().pick(SAMPLES).flatMap(sample -> damaged(Samples.bytes(sample.file()))
                .map(body -> new Mutated(sample.provider(), sample.contentType(), sample.wrap().apply(body))));
    }

    private static Gen<byte[]> damaged(byte[] sample) {
        return Generate.oneOf(truncated(sample), flipped(sample), spliced(sample));
    }

    private static Gen<byte[]> truncated(byte[] sample) {
        return integers().between(0, sample.length).map(cut -> Arrays.copyOf(sample, cut));
    }

    private static Gen<byte[]> flipped(byte[] sample) {
        Gen<List<Integer>> positions = lists().of(integers().between(0, sample.length - 1)).ofSizeBetween(1, 6);
        Gen<List<Integer>> values = lists().of(integers().between(Byte.MIN_VALUE, Byte.MAX_VALUE)).ofSize(6);
        return positions.zip(values, (at, to) -> {
            byte[] out = sample.clone();
            for (int i = 0; i < at.size(); i++) {
                out[at.get(i)] = to.get(i).byteValue();
            }
            return out;
        });
    }

    /** Cuts a random range out, or repeats one: breaks structure while keeping most tokens intact. */
    private static Gen<byte[]> spliced(byte[] sample) {
        Gen<Integer> offsets = integers().between(0, sample.length);
        return offsets.zip(offsets, booleans().all(), (a, b, repeat) -> {
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            byte[] head = Arrays.copyOf(sample, repeat ? to : from);
            byte[] tail = Arrays.copyOfRange(sample, repeat ? from : to, sample.length);
            byte[] out = Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, out, head.length, tail.length);
            return out;
        });
    }
}
