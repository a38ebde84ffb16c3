package io.funnelstream.engine.metrics;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.rollup.Counts;
import io.funnelstream.engine.rollup.SurveyStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The distribution funnel: sent, delivered, survey viewed, started, completed (unique recipients for the
 * survey steps), each with its conversion from the step before and the drop-off there.
 *
 * @param steps the steps in order
 */
public record Funnel(List<Step> steps) {

    public Funnel {
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }

    /**
     * One step of the funnel.
     *
     * @param name {@code sent}, {@code delivered}, {@code viewed}, {@code started} or {@code completed}
     * @param count how many reached it
     * @param fromPrevious count / the previous step's count; null for the first step or a previous count of 0
     * @param fromFirst count / the first step's count; null when that is 0
     * @param dropOff the previous step's count minus this one's (0 for the first step); negative when more
     *     reached this step than the previous one within the range
     * @param dropOffRate dropOff / the previous step's count; null where {@code fromPrevious} is
     */
    public record Step(
            String name,
            long count,
            @Nullable Rate fromPrevious,
            @Nullable Rate fromFirst,
            long dropOff,
            @Nullable Rate dropOffRate) {

        public Step {
            Objects.requireNonNull(name, "name");
        }
    }

    public static Funnel of(Counts counts) {
        long[] values = {
            Rates.reached(counts, Stage.SENT),
            Rates.reached(counts, Stage.DELIVERED),
            counts.get(SurveyStep.VIEWED.uniqueCounter()),
            counts.get(SurveyStep.STARTED.uniqueCounter()),
            counts.get(SurveyStep.COMPLETED.uniqueCounter())
        };
        String[] names = {"sent", "delivered", "viewed", "started", "completed"};
        List<Step> steps = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            steps.add(step(names[i], values, i));
        }
        return new Funnel(steps);
    }

    private static Step step(String name, long[] values, int i) {
        long count = values[i];
        Rate fromFirst = Rate.of(count, values[0]).orElse(null);
        if (i == 0) {
            return new Step(name, count, null, fromFirst, 0, null);
        }
        long previous = values[i - 1];
        long dropOff = previous - count;
        return new Step(
                name,
                count,
                Rate.of(count, previous).orElse(null),
                fromFirst,
                dropOff,
                Rate.of(dropOff, previous).orElse(null));
    }
}
