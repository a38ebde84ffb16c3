package io.funnelstream.engine.distribution;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.send.MessageTemplate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A distribution to create.
 *
 * @param surveyId the survey it sends
 * @param name a name for people
 * @param channels channels in fallback order: a recipient without a channel of its own gets the first it has an
 *     address for
 * @param template the message
 * @param scheduleAt when sending may begin once started; null for at once
 */
public record DistributionSpec(
        UUID surveyId, String name, List<Channel> channels, MessageTemplate template, @Nullable Instant scheduleAt) {

    public DistributionSpec {
        Objects.requireNonNull(surveyId, "surveyId");
        Objects.requireNonNull(name, "name");
        channels = List.copyOf(channels);
        Objects.requireNonNull(template, "template");
    }
}
