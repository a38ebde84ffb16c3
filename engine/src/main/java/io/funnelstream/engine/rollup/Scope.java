package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Which messages of a tenant a rollup counts: all of them, or those of one channel, provider, distribution
 * or survey. Each scope has a short stable {@link #code()} used in store keys and URLs.
 */
public sealed interface Scope {

    /** {@code all}, {@code ch=<channel>}, {@code pr=<provider>}, {@code di=<uuid>} or {@code su=<uuid>}. */
    String code();

    static Scope all() {
        return All.INSTANCE;
    }

    static Scope channel(Channel channel) {
        return new OfChannel(channel);
    }

    static Scope provider(Provider provider) {
        return new OfProvider(provider);
    }

    static Scope distribution(UUID distributionId) {
        return new OfDistribution(distributionId);
    }

    static Scope survey(UUID surveyId) {
        return new OfSurvey(surveyId);
    }

    /** The scope with this {@link #code()}, or empty if it names none. */
    static Optional<Scope> fromCode(String code) {
        if (code.equals("all")) {
            return Optional.of(all());
        }
        int eq = code.indexOf('=');
        if (eq != 2) {
            return Optional.empty();
        }
        String value = code.substring(3);
        return switch (code.substring(0, 2)) {
            case "ch" -> Channel.fromSlug(value).filter(c -> c.slug().equals(value)).map(Scope::channel);
            case "pr" -> Provider.fromSlug(value).filter(p -> p.slug().equals(value)).map(Scope::provider);
            case "di" -> uuid(value).map(Scope::distribution);
            case "su" -> uuid(value).map(Scope::survey);
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
    record All() implements Scope {
        private static final All INSTANCE = new All();

        @Override
        public String code() {
            return "all";
        }
    }

    record OfChannel(Channel channel) implements Scope {
        public OfChannel {
            Objects.requireNonNull(channel, "channel");
        }

        @Override
        public String code() {
            return "ch=" + channel.slug();
        }
    }

    record OfProvider(Provider provider) implements Scope {
        public OfProvider {
            Objects.requireNonNull(provider, "provider");
        }

        @Override
        public String code() {
            return "pr=" + provider.slug();
        }
    }

    record OfDistribution(UUID distributionId) implements Scope {
        public OfDistribution {
            Objects.requireNonNull(distributionId, "distributionId");
        }

        @Override
        public String code() {
            return "di=" + distributionId;
        }
    }

    record OfSurvey(UUID surveyId) implements Scope {
        public OfSurvey {
            Objects.requireNonNull(surveyId, "surveyId");
        }

        @Override
        public String code() {
            return "su=" + surveyId;
        }
    }
}
