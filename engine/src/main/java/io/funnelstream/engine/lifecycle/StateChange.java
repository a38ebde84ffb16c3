package io.funnelstream.engine.lifecycle;

import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Exactly what one event changed in a message's state, for turning into counter deltas.
 *
 * <p>Exact means: over any order of the same distinct events, each stage appears in {@link #newlyReached()}
 * at most once (and never if the starting state had it), so the stages of the starting state plus every
 * change's {@code newlyReached} are the final state's stages; replaying {@link #retimed()} on top gives the
 * final first times; the counts added sum to the final counts; and the status changes chain from the
 * starting status to the final one.
 *
 * @param statusBefore the status before the event
 * @param statusAfter the status after it; never of lower rank than {@code statusBefore}
 * @param newlyReached stages reached for the first time, implied ones included, with the time they are
 *     now first reached at
 * @param retimed stages already reached whose first time the event moved earlier
 * @param opensAdded opens by people added (0 or 1)
 * @param machineOpensAdded machine opens added (0 or 1)
 * @param clicksAdded clicks added (0 or 1)
 */
public record StateChange(
        Stage statusBefore,
        Stage statusAfter,
        Map<Stage, Instant> newlyReached,
        Map<Stage, Retimed> retimed,
        int opensAdded,
        int machineOpensAdded,
        int clicksAdded) {

    public StateChange {
        Objects.requireNonNull(statusBefore, "statusBefore");
        Objects.requireNonNull(statusAfter, "statusAfter");
        newlyReached = copyOf(newlyReached);
        retimed = copyOf(retimed);
        if (statusAfter.statusRank() < statusBefore.statusRank()) {
            throw new IllegalArgumentException("status moved back from " + statusBefore + " to " + statusAfter);
        }
        if (opensAdded < 0 || machineOpensAdded < 0 || clicksAdded < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    /** The change of an event that changed nothing. */
    public static StateChange none(Stage status) {
        return new StateChange(status, status, Map.of(), Map.of(), 0, 0, 0);
    }

    public boolean isEmpty() {
        return !statusChanged()
                && newlyReached.isEmpty()
                && retimed.isEmpty()
                && opensAdded == 0
                && machineOpensAdded == 0
                && clicksAdded == 0;
    }

    public boolean statusChanged() {
        return statusBefore != statusAfter;
    }

    /**
     * A stage's first time moved earlier, because an event reached it (explicitly or by implication)
     * before the time known so far.
     *
     * @param from the first time known before the event
     * @param to the new first time, before {@code from}
     */
    public record Retimed(Instant from, Instant to) {

        public Retimed {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!to.isBefore(from)) {
                throw new IllegalArgumentException("a first time only moves earlier");
            }
        }
    }

    private static <V> Map<Stage, V> copyOf(Map<Stage, V> source) {
        Objects.requireNonNull(source);
        EnumMap<Stage, V> copy = new EnumMap<>(Stage.class);
        source.forEach((stage, value) -> copy.put(Objects.requireNonNull(stage), Objects.requireNonNull(value)));
        return Collections.unmodifiableMap(copy);
    }
}
