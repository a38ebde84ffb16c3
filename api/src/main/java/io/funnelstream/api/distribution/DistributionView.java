package io.funnelstream.api.distribution;

import io.funnelstream.engine.distribution.DistributionStatus;
import io.funnelstream.engine.model.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A distribution as the API shows it.
 *
 * @param counts messages by state: total, queued, retrying (queued again after a retryable failure), sending,
 *     sent (accepted by the provider), failed, suppressed (not sent: bounced, complained, unsubscribed or opted
 *     out), cancelled
 */
record DistributionView(UUID id, UUID surveyId, String name, String status, List<String> channels,
        @Nullable Instant scheduleAt, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
        Map<String, Long> counts) {

    static DistributionView of(DistributionStatus s) {
        return new DistributionView(s.id(), s.surveyId(), s.name(), s.status(),
                s.channels().stream().map(Channel::slug).toList(), s.scheduleAt(), s.createdAt(), s.startedAt(),
                s.completedAt(), s.counts());
    }
}
