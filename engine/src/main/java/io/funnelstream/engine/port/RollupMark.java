package io.funnelstream.engine.port;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link RollupStore} knows it holds for one tenant. At start the pipeline compares it with the
 * positions committed in Postgres: an empty mark for a tenant with committed windows (the store lost its
 * data, e.g. a Redis restart without persistence) or a rebuild in progress calls for a rebuild; a
 * partition applied up to less than was committed calls for re-applying the committed windows after it.
 *
 * @param appliedUpTo per log partition, the highest last offset of a window applied or covered by a rebuild
 * @param rebuiltAt when the last rebuild finished, null if there was none
 * @param rebuildInProgress true while (or if a crash left) a rebuild unfinished
 */
public record RollupMark(Map<String, Long> appliedUpTo, @Nullable Instant rebuiltAt, boolean rebuildInProgress) {

    private static final RollupMark EMPTY = new RollupMark(Map.of(), null, false);

    public RollupMark {
        appliedUpTo = Map.copyOf(Objects.requireNonNull(appliedUpTo, "appliedUpTo"));
    }

    public static RollupMark empty() {
        return EMPTY;
    }

    /** Nothing was ever applied or rebuilt, or the store lost it. */
    public boolean isEmpty() {
        return appliedUpTo.isEmpty() && rebuiltAt == null && !rebuildInProgress;
    }

    /** The store cannot be trusted as it is: a rebuild is due. */
    public boolean needsRebuild() {
        return rebuildInProgress;
    }
}
