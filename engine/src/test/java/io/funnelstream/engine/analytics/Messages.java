package io.funnelstream.engine.analytics;

import io.funnelstream.engine.lifecycle.MessageState;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.BucketSize;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.MessageDimensions;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Messages for analytics tests: their rollup deltas for a store, and the same counts by slice (compound
 * slices too) for a stand-in of Postgres.
 */
final class Messages {

    private final TenantId tenant;
    private final List<RollupDelta> deltas = new ArrayList<>();
    private final Map<Slice, TreeMap<Instant, Counts>> truth = new HashMap<>();

    Messages(TenantId tenant) {
        this.tenant = tenant;
    }

    /** A message that reached each stage given (with what they imply) at {@code at}. */
    Messages add(Channel channel, Provider provider, @Nullable UUID distribution, Instant at, Stage... stages) {
        EnumMap<Stage, Instant> reached = new EnumMap<>(Stage.class);
        reached.put(Stage.QUEUED, at);
        for (Stage stage : stages) {
            stage.closure().forEach(s -> reached.put(s, at));
        }
        MessageState state = new MessageState(UUID.randomUUID(), tenant, channel, provider, reached, 0, 0, 0, null);
        MessageDimensions dimensions = new MessageDimensions(tenant, channel, provider, distribution, null);
        return add(dimensions, RollupDeltas.ofFinalState(dimensions, state, List.of()));
    }

    /** Increments computed elsewhere (survey steps, response times) for a message of these dimensions. */
    Messages add(MessageDimensions dimensions, RollupDelta delta) {
        deltas.add(delta);
        List<Slice> slices = slicesOf(dimensions);
        delta.rollups().forEach((key, counts) -> {
            if (key.size() == BucketSize.MINUTE && key.scope().equals(Scope.all())) {
                for (Slice slice : slices) {
                    truth.computeIfAbsent(slice, s -> new TreeMap<>()).merge(key.bucketStart(), counts, Counts::plus);
                }
            }
        });
        return this;
    }

    RollupDelta delta() {
        RollupDelta.Builder builder = RollupDelta.builder();
        deltas.forEach(builder::addAll);
        return builder.build();
    }

    Map<Slice, TreeMap<Instant, Counts>> truth() {
        return truth;
    }

    private static List<Slice> slicesOf(MessageDimensions d) {
        List<Slice> out = new ArrayList<>(List.of(
                Slice.all(), Slice.ofChannel(d.channel()), Slice.ofProvider(d.provider()),
                Slice.ofChannel(d.channel()).withProvider(d.provider())));
        if (d.distributionId() != null) {
            Slice distribution = Slice.ofDistribution(d.distributionId());
            out.addAll(List.of(distribution, distribution.withChannel(d.channel()),
                    distribution.withProvider(d.provider()),
                    distribution.withChannel(d.channel()).withProvider(d.provider())));
        }
        return out;
    }
}
