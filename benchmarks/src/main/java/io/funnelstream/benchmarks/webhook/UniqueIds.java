package io.funnelstream.benchmarks.webhook;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Provider ids unique to one run: a random run id joined with a sequence number, so a second run against the same
 * service is never taken for a provider's retry of the first (the service answers retries as duplicates without
 * appending them, which would flatter the figures).
 */
final class UniqueIds {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final long run;

    UniqueIds(long run) {
        this.run = run;
    }

    static UniqueIds random() {
        return new UniqueIds(new SecureRandom().nextLong());
    }

    /** 22 base64url characters, the length of SendGrid's ids. */
    String base64(long sequence) {
        return BASE64URL.encodeToString(ByteBuffer.allocate(16).putLong(run).putLong(sequence).array());
    }

    /** 32 lower-case hex digits, as in Twilio's 34-character SIDs after their two-letter prefix. */
    String hex(long sequence) {
        return HexFormat.of().formatHex(ByteBuffer.allocate(16).putLong(run).putLong(sequence).array());
    }

    /** Our own message id, as the send path puts it in a custom argument. */
    UUID uuid(long sequence) {
        return new UUID(run, sequence);
    }
}
