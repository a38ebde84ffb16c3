package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.rollup.Scope;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a dashboard watches, as named in the stream URL: {@code overview}, {@code channel:<channel>},
 * {@code distribution:<uuid>} or {@code experiment:<uuid>}. An experiment's numbers are those of its variants'
 * rollup scopes ({@link ExperimentWatch}), so it has no single {@link #rollupScope()}.
 */
public sealed interface LiveScope {

    /** The form used in URLs and events. */
    String name();

    /** The rollup scope that holds this scope's numbers, or empty when there is none. */
    Optional<Scope> rollupScope();

    /** The scope named {@code text}, or empty if it is malformed. */
    static Optional<LiveScope> parse(String text) {
        if (text.equals("overview")) {
            return Optional.of(new Overview());
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String value = text.substring(colon + 1);
        return switch (text.substring(0, colon)) {
            case "channel" -> Channel.fromSlug(value).filter(c -> c.slug().equals(value)).map(OfChannel::new);
            case "distribution" -> uuid(value).map(OfDistribution::new);
            case "experiment" -> uuid(value).map(OfExperiment::new);
            default -> Optional.empty();
        };
    }

    private static Optional<UUID> uuid(String value) {
        try {
            UUID id = UUID.fromString(value);
            return id.toString().equals(value) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every message of the tenant. */
    record Overview() implements LiveScope {
        @Override
        public String name() {
            return "overview";
        }

        @Override
        public Optional<Scope> rollupScope() {
            return Optional.of(Scope.all());
        }
    }

    record OfChannel(Channel channel) implements LiveScope {
        public OfChannel {
            Objects.requireNonNull(channel, "channel");
        }

        @Override
        public String name() {
            return "channel:" + channel.slug();
        }

        @Override
        public Optional<Scope> rollupScope() {
            return Optional.of(Scope.channel(channel));
        }
    }

    record OfDistribution(UUID distributionId) implements LiveScope {
        public OfDistribution {
            Objects.requireNonNull(distributionId, "distributionId");
        }

        @Override
        public String name() {
            return "distribution:" + distributionId;
        }

        @Override
        public Optional<Scope> rollupScope() {
            return Optional.of(Scope.distribution(distributionId));
        }
    }

    /** An A/B experiment: streamed per variant, see {@link ExperimentWatch}. */
    record OfExperiment(UUID experimentId) implements LiveScope {
        public OfExperiment {
            Objects.requireNonNull(experimentId, "experimentId");
        }

        @Override
        public String name() {
            return "experiment:" + experimentId;
        }

        @Override
        public Optional<Scope> rollupScope() {
            return Optional.empty();
        }
    }
}
