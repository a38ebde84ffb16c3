package io.funnelstream.api.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set: the samples' signatures and event times are checked against it. */
final class TestClock extends Clock {

    /** A little after the samples' latest event (2026-01-01T00:15:20Z), so none lies in the future. */
    static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:20:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(SAMPLE_TIME);

    void set(Instant instant) {
        now.set(instant);
    }

    void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
