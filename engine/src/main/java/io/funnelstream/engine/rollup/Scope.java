package io.funnelstream.engine.rollup;

import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which messages of a tenant a rollup counts: all of them, or those of one channel, provider, distribution,
 * survey or experiment variant. Each scope has a short stable {@link #code()} used in store keys and URLs.
 */
public sealed interface Scope {

    /**
     * {@code all}, {@code ch=<channel>}, {@code pr=<provider>}, {@code di=<uuid>}, {@code su=<uuid>} or
     * {@code xv=<experiment uuid>.<variant key>}.
     */
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

    /** The test-audience messages sent under one variant of an experiment. */
    static Scope variant(UUID experimentId, String variant) {
        return new OfVariant(experimentId, variant);
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
            case "xv" -> variant(value);
            default -> Optional.empty();
        };
    }

    private static Optional<Scope> variant(String value) {
        int dot = value.indexOf('.');
        if (dot < 0 || !OfVariant.KEY.matcher(value.substring(dot + 1)).matches()) {
            return Optional.empty();
        }
        return uuid(value.substring(0, dot)).map(id -> variant(id, value.substring(dot + 1)));
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

    /**
     * The messages of an experiment's test audience sent under one variant (the remainder, sent the winner, is not
     * counted here). Keys are those of experiments: 1-40 of {@code a-z}, {@code 0-9}, {@code _} and {@code -}.
     */
    record OfVariant(UUID experimentId, String variant) implements Scope {
        static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

        public OfVariant {
            Objects.requireNonNull(experimentId, "experimentId");
            Objects.requireNonNull(variant, "variant");
            if (!KEY.matcher(variant).matches()) {
                throw new IllegalArgumentException("not a variant key: " + variant);
            }
        }

        @Override
        public String code() {
            return "xv=" + experimentId + "." + variant;
        }
    }
}
