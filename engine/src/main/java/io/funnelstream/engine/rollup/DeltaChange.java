package io.funnelstream.engine.rollup;

import java.util.Objects;

/**
 * A change whose increments are already computed.
 *
 * @param position where the record was read
 * @param delta what it adds, possibly nothing
 */
public record DeltaChange(LogPosition position, RollupDelta delta) implements Change {

    public DeltaChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(delta, "delta");
    }

    @Override
    public void addTo(RollupDelta.Builder builder) {
        builder.addAll(delta);
    }
}
