package io.funnelstream.benchmarks.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the generator posts, read as bytes: SendGrid's framing and mix, Twilio's form, ids never repeated. */
class PayloadsTests {

    private static final Pattern SG_EVENT_ID = Pattern.compile("\"sg_event_id\":\"([^\"]+)\"");
    private static final Pattern MESSAGE_SID = Pattern.compile("MessageSid=([A-Za-z0-9]+)");

    private final BenchCredentials credentials = BenchCredentials.generate("tk");
    private final UniqueIds ids = UniqueIds.random();

    @Test
    void shouldFrameSendGridBatchesAsSendGridDoes() {
        long signedAt = Instant.now().getEpochSecond();
        SendGridBatches batches = new SendGridBatches(credentials.sendGridPrivateKey(), 500, ids, signedAt);

        SignedRequest batch = batches.build(7);
        String body = new String(batch.body(), StandardCharsets.UTF_8);

        assertThat(body).startsWith("[{").endsWith("}]\r\n");
        assertThat(body.split("\"sg_event_id\"", -1)).hasSize(501);
        assertThat(batch.events()).isEqualTo(500);
        assertThat(batch.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry(SendGridBatches.TIMESTAMP_HEADER, Long.toString(signedAt))
                .containsKey(SendGridBatches.SIGNATURE_HEADER);
        assertThat(batch.body().length).isBetween(500 * 250, 500 * 600);
    }

    @Test
    void shouldNeverRepeatAnEventIdAcrossBatchesOrRunsAndRebuildTheSameBody() {
        long signedAt = Instant.now().getEpochSecond();
        SendGridBatches run = new SendGridBatches(credentials.sendGridPrivateKey(), 500, ids, signedAt);
        SendGridBatches otherRun =
                new SendGridBatches(credentials.sendGridPrivateKey(), 500, UniqueIds.random(), signedAt);
        Set<String> seen = new HashSet<>();
        int total = 0;

        for (SignedRequest batch : new SignedRequest[] {run.build(0), run.build(1), run.build(2), otherRun.build(0)}) {
            Matcher m = SG_EVENT_ID.matcher(new String(batch.body(), StandardCharsets.UTF_8));
            while (m.find()) {
                seen.add(m.group(1));
                total++;
            }
        }

        assertThat(total).isEqualTo(2000);
        assertThat(seen).hasSize(2000);
        assertThat(Arrays.equals(run.build(1).body(), run.build(1).body())).isTrue();
    }

    @Test
    void shouldKeepEventTimesAtOrBeforeTheSignature() {
        long signedAt = 1_800_000_000L;
        String body = new String(new SendGridBatches(credentials.sendGridPrivateKey(), 200, ids, signedAt)
                .build(3).body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"timestamp\":(\\d+)").matcher(body);

        while (m.find()) {
            assertThat(Long.parseLong(m.group(1)))
                    .isBetween(signedAt - SendGridBatches.MAX_EVENT_AGE_SECONDS, signedAt);
        }
    }

    @Test
    void shouldWeighTheEventMixToOneThousand() {
        assertThat(Arrays.stream(EventMix.values()).mapToInt(EventMix::weight).sum())
                .isEqualTo(EventMix.TOTAL_WEIGHT);
        assertThat(EventMix.pick(0)).isEqualTo(EventMix.PROCESSED);
        assertThat(EventMix.pick(EventMix.TOTAL_WEIGHT - 1)).isEqualTo(EventMix.GROUP_RESUBSCRIBE);
    }

    @Test
    void shouldGiveEveryTwilioCallbackItsOwnMessageSid() {
        TwilioCallbacks callbacks = new TwilioCallbacks(credentials.twilioAuthToken(),
                "http://127.0.0.1:8080/webhooks/twilio/tk", ids);
        Set<String> sids = new HashSet<>();

        for (int i = 0; i < 5_000; i++) {
            SignedRequest callback = callbacks.build(i);
            Matcher m = MESSAGE_SID.matcher(new String(callback.body(), StandardCharsets.US_ASCII));
            assertThat(m.find()).isTrue();
            assertThat(m.group(1)).hasSize(34).matches("(SM|MM)[0-9a-f]{32}");
            sids.add(m.group(1));
            assertThat(callback.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded")
                    .containsKey(TwilioCallbacks.SIGNATURE_HEADER);
        }

        assertThat(sids).hasSize(5_000);
    }
}
