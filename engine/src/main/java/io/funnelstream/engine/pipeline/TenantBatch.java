package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.lifecycle.MessageLifecycle;
import io.funnelstream.engine.lifecycle.Transition;
import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.MessageStore.ClaimedEvent;
import io.funnelstream.engine.port.MessageStore.EventInsert;
import io.funnelstream.engine.port.MessageStore.ProviderMessageKey;
import io.funnelstream.engine.port.MessageStore.Transaction;
import io.funnelstream.engine.port.StoredMessage;
import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.LogPosition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One tenant's records of a batch, applied in the batch's transaction: create the new messages, store the new
 * events (a repeat is refused by the unique key and applies nothing), claim the events that waited for a message
 * created now, fold the events into their messages' states and store them. Emits one rollup {@link Change} per
 * thing that changed, at the position of the record that caused it.
 *
 * <p>Lifecycle folding does not depend on event order, and neither does the sum of the deltas, so events of a
 * batch are applied in any order, and an event that arrived before its message counts the same once claimed.
 */
final class TenantBatch {

    private final TenantId tenant;
    private final Map<UUID, Positioned<LogRecord.MessageQueued>> queued = new LinkedHashMap<>();
    private final Map<MessageEvent.EventKey, Positioned<MessageEvent>> events = new LinkedHashMap<>();
    private final SurveyBatch surveys;
    private long repeatsInBatch;
    private long repeatedMessagesInBatch;

    private record Positioned<T>(LogPosition position, T value) {}

    /** What the tenant's part of the batch did. */
    record Outcome(List<Change> changes, BatchCounts counts, List<SurveyProgress> progress) {}

    TenantBatch(TenantId tenant, List<LogEntry> entries) {
        this.tenant = tenant;
        this.surveys = new SurveyBatch(tenant);
        for (LogEntry entry : entries) {
            LogPosition at = Partitions.of(entry.position());
            switch (entry.record()) {
                case LogRecord.MessageQueued q -> {
                    if (queued.putIfAbsent(q.messageId(), new Positioned<>(at, q)) != null) {
                        repeatedMessagesInBatch++;
                    }
                }
                case LogRecord.Message m -> {
                    if (events.putIfAbsent(m.event().key(), new Positioned<>(at, m.event())) != null) {
                        repeatsInBatch++;
                    }
                }
                case LogRecord.Survey s -> surveys.add(at, s.event());
                case LogRecord.Unreadable u -> throw new IllegalArgumentException("unreadable records go elsewhere");
            }
        }
    }

    Mono<Outcome> apply(Transaction tx) {
        List<StoredMessage> candidates = queued.values().stream()
                .map(q -> StoredMessage.queued(q.value()))
                .toList();
        Mono<Set<UUID>> created = candidates.isEmpty()
                ? Mono.just(Set.of())
                : tx.createMessages(tenant, candidates).collect(HashSet::new, Set::add);
        return created.flatMap(ids -> {
            List<StoredMessage> newMessages = candidates.stream().filter(m -> ids.contains(m.id())).toList();
            return find(tx).flatMap(found -> insertAndClaim(tx, newMessages, found));
        });
    }

    private Mono<Outcome> insertAndClaim(Transaction tx, List<StoredMessage> newMessages, Found found) {
        List<EventInsert> inserts = new ArrayList<>(events.size());
        for (Positioned<MessageEvent> e : events.values()) {
            StoredMessage m = found.messageOf(e.value());
            inserts.add(new EventInsert(e.value(), m == null ? null : m.id()));
        }
        Mono<Set<MessageEvent.EventKey>> inserted = inserts.isEmpty()
                ? Mono.just(Set.of())
                : tx.insertEvents(tenant, inserts).map(MessageEvent::key).collect(HashSet::new, Set::add);
        Mono<List<ClaimedEvent>> claimed = newMessages.isEmpty()
                ? Mono.just(List.of())
                : tx.claimPendingEvents(tenant, newMessages).collectList();
        return inserted.zipWhen(keys -> claimed)
                .flatMap(t -> fold(tx, newMessages, found, inserts, t.getT1(), t.getT2()));
    }

    private Mono<Outcome> fold(Transaction tx, List<StoredMessage> newMessages, Found found,
            List<EventInsert> inserts, Set<MessageEvent.EventKey> inserted, List<ClaimedEvent> claimed) {
        Map<UUID, StoredMessage> states = new LinkedHashMap<>(found.byId);
        Set<UUID> touched = new HashSet<>();
        List<Change> changes = new ArrayList<>();
        for (StoredMessage m : newMessages) {
            states.put(m.id(), m);
            touched.add(m.id());
            changes.add(Change.ofNewMessage(queued.get(m.id()).position(), m.dimensions(), m.state()));
        }
        long applied = 0;
        long pending = 0;
        for (EventInsert insert : inserts) {
            MessageEvent event = insert.event();
            if (!inserted.contains(event.key())) {
                continue;
            }
            if (insert.appliedTo() == null) {
                pending++;
                continue;
            }
            applied++;
            changes.add(applyTo(states, touched, insert.appliedTo(), event, events.get(event.key()).position()));
        }
        for (ClaimedEvent c : claimed) {
            changes.add(applyTo(states, touched, c.messageId(), c.event(), queued.get(c.messageId()).position()));
        }
        List<StoredMessage> changed = touched.stream().map(states::get).toList();
        BatchCounts counts = new BatchCounts(0, applied + claimed.size(),
                events.size() - inserted.size() + repeatsInBatch, pending, claimed.size(), newMessages.size(),
                queued.size() - newMessages.size() + repeatedMessagesInBatch, 0);
        Mono<Void> update = changed.isEmpty() ? Mono.empty() : tx.updateMessages(tenant, changed);
        return update.then(surveys.apply(tx, states)).map(s -> {
            changes.addAll(s.changes());
            BatchCounts all = counts.plus(new BatchCounts(0, s.stored(), s.skipped(), 0, 0, 0, 0, 0));
            return new Outcome(changes, all, s.progress());
        });
    }

    private static Change applyTo(Map<UUID, StoredMessage> states, Set<UUID> touched, UUID messageId,
            MessageEvent event, LogPosition position) {
        StoredMessage message = states.get(messageId);
        if (message == null) {
            throw new IllegalStateException("event " + event.providerEventId() + " applied to unknown " + messageId);
        }
        Transition t = MessageLifecycle.apply(message.state(), event);
        states.put(messageId, message.withState(t.state()));
        touched.add(messageId);
        return Change.ofMessage(position, message.dimensions(), t.change(), event.type(), event.occurredAt());
    }

    private Mono<Found> find(Transaction tx) {
        Set<UUID> ids = new HashSet<>();
        Set<ProviderMessageKey> keys = new HashSet<>();
        for (Positioned<MessageEvent> e : events.values()) {
            MessageEvent event = e.value();
            if (event.messageId() != null) {
                ids.add(event.messageId());
            } else {
                keys.add(new ProviderMessageKey(event.provider(), event.providerMessageId()));
            }
        }
        ids.addAll(surveys.messageIds());
        if (ids.isEmpty() && keys.isEmpty()) {
            return Mono.just(new Found(List.of()));
        }
        return tx.findMessages(tenant, ids, keys).collectList().map(Found::new);
    }

    /** Messages found for the batch's events, by our id and by the provider's. */
    private static final class Found {

        final Map<UUID, StoredMessage> byId = new HashMap<>();
        final Map<ProviderMessageKey, StoredMessage> byProviderId = new HashMap<>();

        Found(Collection<StoredMessage> messages) {
            for (StoredMessage m : messages) {
                byId.put(m.id(), m);
                if (m.providerMessageId() != null) {
                    byProviderId.put(new ProviderMessageKey(m.state().provider(), m.providerMessageId()), m);
                }
            }
        }

        /**
         * The message an event belongs to: the one it names by our id if it names one, else the one with its
         * provider id; and only if channel and provider agree (otherwise it waits, counted as pending).
         */
        @Nullable StoredMessage messageOf(MessageEvent event) {
            StoredMessage m = event.messageId() != null
                    ? byId.get(event.messageId())
                    : byProviderId.get(new ProviderMessageKey(event.provider(), event.providerMessageId()));
            if (m == null || m.state().channel() != event.channel() || m.state().provider() != event.provider()) {
                return null;
            }
            return m;
        }
    }
}
