package io.funnelstream.api.webhook;

import io.funnelstream.testkit.MutableClock;
import java.time.Instant;

/** A clock tests set: the samples' signatures and event times are checked against it. */
final class TestClock extends MutableClock {

    /** A little after the samples' latest event (2026-01-01T00:15:20Z), so none lies in the future. */
    static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:20:00Z");

    TestClock() {
        super(SAMPLE_TIME);
    }
}
