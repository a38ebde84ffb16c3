package io.funnelstream.api.feature;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which features are on. Inject it to skip background work (consumers, schedulers) of a switched-off feature; the
 * routes of such a feature are already closed by the {@link FeatureGateFilter}.
 */
public final class Features {

    private final Set<Feature> enabled;

    public Features(Set<Feature> enabled) {
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(enabled);
    }

    public static Features all() {
        return new Features(EnumSet.allOf(Feature.class));
    }

    public boolean isEnabled(Feature feature) {
        return enabled.contains(feature);
    }

    public Set<Feature> enabled() {
        return Set.copyOf(enabled);
    }

    @Override
    public String toString() {
        return "Features" + enabled;
    }
}
