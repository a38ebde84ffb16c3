package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.port.MessageStore.PendingWindow;
import java.util.List;

/** What committing a log batch came to. */
sealed interface BatchOutcome {

    /** Committed with its positions: these windows are in the outbox. */
    record Committed(List<PendingWindow> windows, BatchCounts counts, List<SurveyProgress> progress)
            implements BatchOutcome {

        public Committed {
            windows = List.copyOf(windows);
            progress = List.copyOf(progress);
        }

        Committed(List<PendingWindow> windows, BatchCounts counts) {
            this(windows, counts, List.of());
        }

        Committed plus(Committed other) {
            List<PendingWindow> all = new java.util.ArrayList<>(windows);
            all.addAll(other.windows);
            List<SurveyProgress> moved = new java.util.ArrayList<>(progress);
            moved.addAll(other.progress);
            return new Committed(all, counts.plus(other.counts), moved);
        }
    }

    /** Rolled back: another consumer had stored a position past the batch's start. Resume from the stored ones. */
    record Fenced() implements BatchOutcome {}
}
