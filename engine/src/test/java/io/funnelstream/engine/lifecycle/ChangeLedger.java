package io.funnelstream.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.Stage;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums state changes the way a rollup turns them into counters, checking on the way that each change
 * only adds what was missing and only moves what was there.
 */
final class ChangeLedger {

    final Map<Stage, Instant> firstReached = new EnumMap<>(Stage.class);
    final Map<Stage, Integer> messagesByStatus = new HashMap<>();
    int opens;
    int machineOpens;
    int clicks;

    ChangeLedger(MessageState initial) {
        firstReached.putAll(initial.firstReached());
        messagesByStatus.put(initial.status(), 1);
        opens = initial.opens();
        machineOpens = initial.machineOpens();
        clicks = initial.clicks();
    }

    void add(StateChange change) {
        change.newlyReached().forEach((stage, at) -> {
            assertThat(firstReached).as("reached twice: %s", stage).doesNotContainKey(stage);
            firstReached.put(stage, at);
        });
        change.retimed().forEach((stage, retimed) -> {
            assertThat(firstReached.get(stage)).as("moved from elsewhere: %s", stage).isEqualTo(retimed.from());
            firstReached.put(stage, retimed.to());
        });
        if (change.statusChanged()) {
            messagesByStatus.merge(change.statusBefore(), -1, Integer::sum);
            messagesByStatus.merge(change.statusAfter(), 1, Integer::sum);
            messagesByStatus.values().removeIf(n -> n == 0);
        }
        opens += change.opensAdded();
        machineOpens += change.machineOpensAdded();
        clicks += change.clicksAdded();
    }
}
