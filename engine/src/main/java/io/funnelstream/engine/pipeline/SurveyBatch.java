package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.Stage;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.MessageStore.SurveyInsert;
import io.funnelstream.engine.port.MessageStore.SurveyRow;
import io.funnelstream.engine.port.MessageStore.Transaction;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.LogPosition;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupDeltas;
import io.funnelstream.engine.rollup.SurveyTally;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One tenant's survey events of a batch, applied in the batch's transaction after its messages: read the tallies
 * of the messages concerned, refuse abandonments that no longer hold (completed, active since, or abandoned
 * already), store the rest once each (the dedupe key refuses repeats), and count the difference the stored ones
 * make: 1 in the step's total per event, and the tally's unique counters and response time after minus before.
 * So the rollups stay equal to a recount of the stored events, whatever the order they arrive in.
 *
 * <p>Events of a message not known are stored without it and count nowhere; bots' events are stored, marked, and
 * count nowhere either.
 */
final class SurveyBatch {

    private final TenantId tenant;
    private final Map<String, Positioned> events = new LinkedHashMap<>();
    private long repeatsInBatch;

    private record Positioned(LogPosition position, SurveyEvent event) {}

    /** What the survey events of the batch did. */
    record Outcome(List<Change> changes, List<SurveyProgress> progress, long stored, long skipped) {

        static final Outcome NONE = new Outcome(List.of(), List.of(), 0, 0);
    }

    SurveyBatch(TenantId tenant) {
        this.tenant = tenant;
    }

    void add(LogPosition at, SurveyEvent event) {
        if (events.putIfAbsent(event.dedupeKey(), new Positioned(at, event)) != null) {
            repeatsInBatch++;
        }
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    Set<UUID> messageIds() {
        Set<UUID> ids = new HashSet<>();
        events.values().forEach(p -> ids.add(p.event().messageId()));
        return ids;
    }

    /** Applies the events, given the messages as they stand after the batch's message events. */
    Mono<Outcome> apply(Transaction tx, Map<UUID, StoredMessage> messages) {
        if (events.isEmpty()) {
            return Mono.just(Outcome.NONE);
        }
        List<UUID> known = messageIds().stream().filter(messages::containsKey).toList();
        Mono<Map<UUID, SurveyTally>> before = known.isEmpty()
                ? Mono.just(Map.of())
                : tx.surveyTallies(tenant, known).collect(HashMap::new, SurveyBatch::put);
        return before.flatMap(tallies -> {
            List<SurveyInsert> inserts = admissible(tallies, messages);
            Mono<Set<String>> inserted = inserts.isEmpty()
                    ? Mono.just(Set.of())
                    : tx.insertSurveyEvents(tenant, inserts).collect(HashSet::new, Set::add);
            return inserted.map(keys -> count(tallies, messages, inserts, keys));
        });
    }

    private static void put(Map<UUID, SurveyTally> tallies, SurveyRow row) {
        tallies.computeIfAbsent(row.messageId(), id -> new SurveyTally()).put(row.type(), row.stat());
    }

    /** The events to store, in time order: every event but abandonments that no longer hold. */
    private List<SurveyInsert> admissible(Map<UUID, SurveyTally> before, Map<UUID, StoredMessage> messages) {
        Map<UUID, SurveyTally> working = new HashMap<>();
        List<SurveyInsert> out = new ArrayList<>(events.size());
        List<Positioned> ordered = new ArrayList<>(events.values());
        ordered.sort(Comparator.comparing((Positioned p) -> p.event().occurredAt()));
        for (Positioned p : ordered) {
            SurveyEvent e = p.event();
            boolean known = messages.containsKey(e.messageId());
            if (!known || e.bot()) {
                out.add(new SurveyInsert(e, known));
                continue;
            }
            SurveyTally tally = working.computeIfAbsent(e.messageId(), id -> copyOf(before.get(id)));
            if (e.type() == SurveyEventType.ABANDONED && !holds(e, tally)) {
                continue;
            }
            tally.add(e.type(), e.occurredAt());
            out.add(new SurveyInsert(e, true));
        }
        return out;
    }

    /** An abandonment holds while the survey is not completed, not abandoned since, and idle since it said. */
    private static boolean holds(SurveyEvent abandonment, SurveyTally tally) {
        if (tally.has(SurveyEventType.COMPLETED) || tally.abandonedSinceActivity()) {
            return false;
        }
        Instant last = tally.lastActivity();
        return abandonment.inactiveSince() == null || last == null || !last.isAfter(abandonment.inactiveSince());
    }

    private Outcome count(Map<UUID, SurveyTally> before, Map<UUID, StoredMessage> messages,
            List<SurveyInsert> inserts, Set<String> inserted) {
        List<Change> changes = new ArrayList<>();
        Map<UUID, SurveyTally> after = new LinkedHashMap<>();
        Map<UUID, LogPosition> lastPosition = new HashMap<>();
        for (SurveyInsert insert : inserts) {
            SurveyEvent e = insert.event();
            if (!inserted.contains(e.dedupeKey()) || !insert.known() || e.bot()) {
                continue;
            }
            StoredMessage m = messages.get(e.messageId());
            LogPosition at = events.get(e.dedupeKey()).position();
            RollupDelta.Builder delta = RollupDelta.builder();
            RollupDeltas.addSurveyEvent(delta, m.dimensions(), e.type(), e.occurredAt());
            changes.add(Change.of(at, delta.build()));
            after.computeIfAbsent(e.messageId(), id -> copyOf(before.get(id))).add(e.type(), e.occurredAt());
            lastPosition.merge(e.messageId(), at, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        List<SurveyProgress> progress = new ArrayList<>(after.size());
        after.forEach((id, tally) -> {
            StoredMessage m = messages.get(id);
            Instant delivered = m.state().firstReached().get(Stage.DELIVERED);
            RollupDelta.Builder delta = RollupDelta.builder();
            RollupDeltas.addSurveyFirsts(delta, m.dimensions(), delivered, tally, 1);
            SurveyTally was = before.get(id);
            if (was != null) {
                RollupDeltas.addSurveyFirsts(delta, m.dimensions(), delivered, was, -1);
            }
            changes.add(Change.of(lastPosition.get(id), delta.build()));
            Instant last = tally.lastActivity();
            if (last != null) {
                progress.add(new SurveyProgress(tenant, id, m.recipientId(), m.distributionId(), m.surveyId(), last,
                        tally.open(), tally.has(SurveyEventType.COMPLETED)));
            }
        });
        long skipped = events.size() - inserted.size() + repeatsInBatch;
        return new Outcome(changes, progress, inserted.size(), skipped);
    }

    private static SurveyTally copyOf(@Nullable SurveyTally tally) {
        return tally == null ? new SurveyTally() : tally.copy();
    }
}
