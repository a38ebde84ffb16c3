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
 */
public record PostgresEventLogSettings(
        int maxBatchRecords,
        int maxPendingRecords,
        Duration appendTimeout,
        int readBatchRecords,
        Duration pollInterval) {

    public PostgresEventLogSettings {
        if (maxBatchRecords < 1 || maxPendingRecords < maxBatchRecords || readBatchRecords < 1) {
            throw new IllegalArgumentException("batch sizes must be positive, pending >= batch");
        }
        if (appendTimeout.isNegative() || appendTimeout.isZero() || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException("durations must be positive");
        }
    }

    public static PostgresEventLogSettings defaults() {
        return new PostgresEventLogSettings(1000, 50_000, Duration.ofSeconds(5), 500, Duration.ofMillis(500));
    }
}
