package io.funnelstream.engine.distribution;

import io.funnelstream.engine.model.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A distribution and where its messages are.
 *
 * @param status draft, scheduled, running, paused, cancelled or completed
 * @param counts messages by outbox state (queued, sending, sent, failed, suppressed, cancelled) and "retrying"
 *     (queued after a retryable failure) and "total"
 */
public record DistributionStatus(
        UUID id,
        UUID surveyId,
        String name,
        String status,
        List<Channel> channels,
        @Nullable Instant scheduleAt,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt,
        Map<String, Long> counts) {

    /** Every count's name, in display order. */
    public static final List<String> COUNTS =
            List.of("total", "queued", "retrying", "sending", "sent", "failed", "suppressed", "cancelled");

    public DistributionStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        channels = List.copyOf(channels);
        counts = Map.copyOf(counts);
    }
}
