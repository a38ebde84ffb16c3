package io.funnelstream.benchmarks.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * SendGrid Signed Event Webhook batches as SendGrid posts them: a compact JSON array of events ending with CRLF,
 * signed with ECDSA P-256 / SHA-256 over the timestamp header followed by the raw body. Every event has its own
 * {@code sg_event_id}; about three events share a message, and the event types follow {@link EventMix}.
 */
final class SendGridBatches implements Payloads {

    static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    static final int EVENTS_PER_MESSAGE = 3;
    /** Event times lie up to this far before the signature time, never after it. */
    static final int MAX_EVENT_AGE_SECONDS = 600;
    private static final String MESSAGE_ID_SUFFIX = ".filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0";

    private final PrivateKey key;
    private final int eventsPerBatch;
    private final UniqueIds ids;
    private final long signedAtEpochSecond;

    /**
     * @param key the private half of the verification key the tenant configured
     * @param eventsPerBatch events per request (SendGrid sends up to a few thousand; 500 is typical under load)
     * @param ids this run's id source
     * @param signedAtEpochSecond the timestamp header of every batch; the service accepts it for five minutes
     */
    SendGridBatches(PrivateKey key, int eventsPerBatch, UniqueIds ids, long signedAtEpochSecond) {
        if (eventsPerBatch < 1) {
            throw new IllegalArgumentException("a batch has at least one event");
        }
        this.key = key;
        this.eventsPerBatch = eventsPerBatch;
        this.ids = ids;
        this.signedAtEpochSecond = signedAtEpochSecond;
    }

    @Override
    public int eventsPerRequest() {
        return eventsPerBatch;
    }

    @Override
    public SignedRequest build(long index) {
        SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 17);
        StringBuilder json = new StringBuilder(eventsPerBatch * 420).append('[');
        for (int i = 0; i < eventsPerBatch; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendEvent(json, index * eventsPerBatch + i, random);
        }
        byte[] body = json.append("]\r\n").toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(signedAtEpochSecond);
        return new SignedRequest(body, Map.of(
                "Content-Type", "application/json",
                SIGNATURE_HEADER, sign(timestamp, body),
                TIMESTAMP_HEADER, timestamp), eventsPerBatch);
    }

    private void appendEvent(StringBuilder json, long sequence, SplittableRandom random) {
        long message = sequence / EVENTS_PER_MESSAGE;
        EventMix type = EventMix.pick(random.nextInt(EventMix.TOTAL_WEIGHT));
        json.append("{\"email\":\"recipient").append(message % 1_000_000).append("@example.com\"")
                .append(",\"timestamp\":").append(signedAtEpochSecond - random.nextInt(MAX_EVENT_AGE_SECONDS))
                .append(",\"event\":\"").append(type.event()).append('"')
                .append(",\"sg_event_id\":\"").append(ids.base64(sequence)).append('"')
                .append(",\"sg_message_id\":\"").append(ids.base64(-1 - message)).append(MESSAGE_ID_SUFFIX).append('"')
                .append(",\"fs_message_id\":\"").append(ids.uuid(message)).append('"')
                .append(",\"category\":[\"survey\",\"wave-").append(message % 7).append("\"]");
        type.appendDetails(json, random);
        json.append('}');
    }

    private String sign(String timestamp, byte[] body) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initSign(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            ecdsa.update(body);
            return Base64.getEncoder().encodeToString(ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the SendGrid key", e);
        }
    }
}
