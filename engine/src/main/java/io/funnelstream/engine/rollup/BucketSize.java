package io.funnelstream.engine.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** How much time one rollup bucket covers. Buckets are aligned to UTC: a day runs from 00:00Z to 00:00Z. */
public enum BucketSize {
    MINUTE("m", Duration.ofMinutes(1)),
    HOUR("h", Duration.ofHours(1)),
    DAY("d", Duration.ofDays(1));

    private final String code;
    private final Duration length;
    private final long seconds;

    BucketSize(String code, Duration length) {
        this.code = code;
        this.length = length;
        this.seconds = length.toSeconds();
    }

    /** The short name used in store keys: {@code m}, {@code h} or {@code d}. */
    public String code() {
        return code;
    }

    public Duration length() {
        return length;
    }

    /** The start of the bucket that contains {@code at}. */
    public Instant start(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** True when {@code at} is the start of a bucket of this size. */
    public boolean isAligned(Instant at) {
        return at.getNano() == 0 && Math.floorMod(at.getEpochSecond(), seconds) == 0;
    }

    public static Optional<BucketSize> fromCode(String code) {
        for (BucketSize size : values()) {
            if (size.code.equals(code)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}
