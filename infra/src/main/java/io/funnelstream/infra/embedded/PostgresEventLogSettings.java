package io.funnelstream.infra.embedded;

import java.time.Duration;

/**
 * Tuning of {@link PostgresEventLog}.
 *
 * @param maxBatchRecords records per write transaction (one multi-row insert)
 * @param maxPendingRecords records allowed to wait for a write; beyond it appends fail at once (503)
 * @param appendTimeout how long one write transaction may take before its appends fail
 * @param readBatchRecords records per batch handed to a consumer
 * @param pollInterval how often an idle consumer looks for records appended by another process (appends of
 *     this process wake it at once)
 * @param writesInFlight write transactions sent at once: with 2, the next one is on its way (waiting for the writer
 *     lock in the database) while the previous one commits, so no round trip separates two commits
 */
public record PostgresEventLogSettings(
        int maxBatchRecords,
        int maxPendingRecords,
        Duration appendTimeout,
        int readBatchRecords,
        Duration pollInterval,
        int writesInFlight) {

    /**
     * Writes in flight unless told otherwise: one. On two shared cores the Twilio route gained nothing measurable from a
     * second (benchmarks/RESULTS.md, 2026-11-26), while each write it adds is one more transaction.
     */
    public static final int DEFAULT_WRITES_IN_FLIGHT = 1;

    public PostgresEventLogSettings {
        if (maxBatchRecords < 1 || maxPendingRecords < maxBatchRecords || readBatchRecords < 1
                || writesInFlight < 1) {
            throw new IllegalArgumentException("batch sizes and writes in flight must be positive, pending >= batch");
        }
        if (appendTimeout.isNegative() || appendTimeout.isZero() || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    /** With {@link #DEFAULT_WRITES_IN_FLIGHT} writes in flight. */
    public PostgresEventLogSettings(int maxBatchRecords, int maxPendingRecords, Duration appendTimeout,
            int readBatchRecords, Duration pollInterval) {
        this(maxBatchRecords, maxPendingRecords, appendTimeout, readBatchRecords, pollInterval,
                DEFAULT_WRITES_IN_FLIGHT);
    }

    public static PostgresEventLogSettings defaults() {
        return new PostgresEventLogSettings(1000, 50_000, Duration.ofSeconds(5), 500, Duration.ofMillis(500));
    }

    public PostgresEventLogSettings withWritesInFlight(int count) {
        return new PostgresEventLogSettings(maxBatchRecords, maxPendingRecords, appendTimeout, readBatchRecords,
                pollInterval, count);
    }
}
