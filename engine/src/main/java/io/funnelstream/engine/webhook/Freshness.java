package io.funnelstream.engine.webhook;

import io.funnelstream.engine.webhook.Verification.Reason;
import io.funnelstream.engine.webhook.Verification.Rejected;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The replay window around a signed timestamp. */
final class Freshness {

    private Freshness() {}

    /** A rejection when {@code signedAt} is outside the window around {@code now}, else null. */
    static @Nullable Rejected check(Instant signedAt, Instant now, WebhookSettings settings) {
        if (signedAt.isBefore(now.minus(settings.maxAge()))) {
            return new Rejected(Reason.STALE_TIMESTAMP,
                    "signed at " + signedAt + ", more than " + settings.maxAge() + " before " + now);
        }
        if (signedAt.isAfter(now.plus(settings.maxFutureSkew()))) {
            return new Rejected(Reason.FUTURE_TIMESTAMP,
                    "signed at " + signedAt + ", more than " + settings.maxFutureSkew() + " after " + now);
        }
        return null;
    }

    /** Unix seconds as decimal digits (at most 11, so no overflow), or null. */
    static @Nullable Instant epochSeconds(String text) {
        if (text.isEmpty() || text.length() > 11) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        return Instant.ofEpochSecond(Long.parseLong(text));
    }
}
