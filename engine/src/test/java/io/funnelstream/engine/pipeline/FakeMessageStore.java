package io.funnelstream.engine.pipeline;

import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.LogEntry;
import io.funnelstream.engine.port.LogRange;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.port.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link MessageStore} in memory with the semantics of the Postgres one (unique keys, pending events, the outbox,
 * fenced positions). A transaction works on a copy and records its writes; commit replays them on what is committed
 * then, so that transactions side by side (commit lanes: disjoint tenants and partitions) keep each other's writes.
 * A message whose distribution id is {@link #BAD_DISTRIBUTION} is refused, as a foreign key would refuse it.
 */
final class FakeMessageStore implements MessageStore {

    static final UUID BAD_DISTRIBUTION = new UUID(0, 666);

    private final State state = new State();
    private final java.util.concurrent.atomic.AtomicLong nextOutboxId = new java.util.concurrent.atomic.AtomicLong(1);
    private boolean down;

    /** Everything committed. */
    static final class State {
        final Map<UUID, StoredMessage> messages = new LinkedHashMap<>();
        final Map<MessageEvent.EventKey, Stored> events = new LinkedHashMap<>();
        final TreeMap<Long, PendingWindow> outbox = new TreeMap<>();
        final Map<String, Long> positions = new HashMap<>();
        final List<LogEntry> deadLetters = new ArrayList<>();

        State copy() {
            State c = new State();
            c.messages.putAll(messages);
            c.events.putAll(events);
            c.outbox.putAll(outbox);
            c.positions.putAll(positions);
            c.deadLetters.addAll(deadLetters);
            return c;
        }
    }

    /** An event as stored: the message it names or was applied to, and whether it was applied. */
    record Stored(MessageEvent event, @Nullable UUID messageId, boolean applied) {}

    synchronized State committed() {
        return state;
    }

    /** While down, every call fails as an unreachable database does. */
    synchronized void down(boolean isDown) {
        this.down = isDown;
    }

    private synchronized void requireUp() {
        if (down) {
            throw new io.funnelstream.engine.port.StoreUnavailableException("down", new RuntimeException());
        }
    }

    @Override
    public <T> Mono<T> inTransaction(Function<Transaction, Mono<T>> work, Predicate<? super T> commitIf) {
        return Mono.defer(() -> {
            requireUp();
            Tx tx;
            synchronized (this) {
                tx = new Tx(state.copy(), nextOutboxId);
            }
            return work.apply(tx).doOnNext(result -> {
                if (commitIf.test(result)) {
                    synchronized (this) {
                        tx.writes.forEach(w -> w.accept(state));
                    }
                }
            });
        });
    }

    @Override
    public Flux<PendingWindow> pendingWindows(long afterId, int limit, Duration minAge) {
        return Flux.defer(() -> {
            requireUp();
            synchronized (this) {
                return Flux.fromIterable(new ArrayList<>(state.outbox.tailMap(afterId, false).values()))
                        .take(limit);
            }
        });
    }

    @Override
    public Mono<Void> windowsApplied(Collection<PendingWindow> windows) {
        return Mono.fromRunnable(() -> {
            requireUp();
            synchronized (this) {
                windows.forEach(w -> state.outbox.remove(w.id()));
            }
        });
    }

    @Override
    public Mono<Long> outboxBacklog() {
        return Mono.fromCallable(() -> {
            synchronized (this) {
                return (long) state.outbox.size();
            }
        });
    }

    private static final class Tx implements Transaction {

        final State s;
        final java.util.concurrent.atomic.AtomicLong outboxIds;
        final List<java.util.function.Consumer<State>> writes = new ArrayList<>();

        Tx(State s, java.util.concurrent.atomic.AtomicLong outboxIds) {
            this.s = s;
            this.outboxIds = outboxIds;
        }

        /** Writes to the copy, and again to what is committed if the transaction commits. */
        private void write(java.util.function.Consumer<State> w) {
            w.accept(s);
            writes.add(w);
        }

        @Override
        public Flux<UUID> createMessages(TenantId tenant, List<StoredMessage> messages) {
            List<UUID> created = new ArrayList<>();
            for (StoredMessage m : messages) {
                if (BAD_DISTRIBUTION.equals(m.distributionId())) {
                    return Flux.error(new IllegalStateException("violates foreign key messages_distribution_fkey"));
                }
                boolean taken = s.messages.containsKey(m.id()) || s.messages.values().stream().anyMatch(o ->
                        o.providerMessageId() != null && o.providerMessageId().equals(m.providerMessageId())
                                && o.state().provider() == m.state().provider()
                                && o.state().tenant().equals(tenant));
                if (!taken) {
                    write(st -> st.messages.put(m.id(), m));
                    created.add(m.id());
                }
            }
            return Flux.fromIterable(created);
        }

        @Override
        public Flux<StoredMessage> findMessages(
                TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> providerIds) {
            return Flux.fromIterable(s.messages.values().stream()
                    .filter(m -> m.state().tenant().equals(tenant))
                    .filter(m -> ids.contains(m.id()) || (m.providerMessageId() != null && providerIds.contains(
                            new ProviderMessageKey(m.state().provider(), m.providerMessageId()))))
                    .toList());
        }

        @Override
        public Flux<MessageEvent> insertEvents(TenantId tenant, List<EventInsert> events) {
            List<MessageEvent> inserted = new ArrayList<>();
            for (EventInsert e : events) {
                if (!s.events.containsKey(e.event().key())) {
                    UUID message = e.appliedTo() != null ? e.appliedTo() : e.event().messageId();
                    Stored stored = new Stored(e.event(), message, e.appliedTo() != null);
                    write(st -> st.events.put(e.event().key(), stored));
                    inserted.add(e.event());
                }
            }
            return Flux.fromIterable(inserted);
        }

        @Override
        public Flux<ClaimedEvent> claimPendingEvents(TenantId tenant, List<StoredMessage> messages) {
            List<ClaimedEvent> claimed = new ArrayList<>();
            for (Map.Entry<MessageEvent.EventKey, Stored> e : s.events.entrySet()) {
                Stored st = e.getValue();
                if (st.applied() || !st.event().tenant().equals(tenant)) {
                    continue;
                }
                for (StoredMessage m : messages) {
                    boolean byId = m.id().equals(st.messageId());
                    boolean byProvider = st.messageId() == null
                            && Objects.equals(m.providerMessageId(), st.event().providerMessageId());
                    if ((byId || byProvider) && m.state().provider() == st.event().provider()
                            && m.state().channel() == st.event().channel()) {
                        Stored applied = new Stored(st.event(), m.id(), true);
                        write(x -> x.events.put(e.getKey(), applied));
                        claimed.add(new ClaimedEvent(m.id(), st.event()));
                        break;
                    }
                }
            }
            return Flux.fromIterable(claimed);
        }

        @Override
        public Mono<Void> updateMessages(TenantId tenant, List<StoredMessage> messages) {
            messages.forEach(m -> write(st -> st.messages.put(m.id(), m)));
            return Mono.empty();
        }

        @Override
        public Flux<PendingWindow> writeWindows(List<WindowPart> windows) {
            List<PendingWindow> written = new ArrayList<>();
            for (WindowPart p : windows) {
                PendingWindow w = new PendingWindow(outboxIds.getAndIncrement(), p.tenant(), p.window(), p.delta());
                write(st -> st.outbox.put(w.id(), w));
                written.add(w);
            }
            return Flux.fromIterable(written);
        }

        @Override
        public Mono<Boolean> savePositions(String consumerGroup, List<LogRange> ranges) {
            for (LogRange r : ranges) {
                Long stored = s.positions.get(consumerGroup + "/" + r.partition());
                if (stored != null && stored > r.from()) {
                    return Mono.just(false);
                }
            }
            ranges.forEach(r -> write(st -> st.positions.put(consumerGroup + "/" + r.partition(), r.next())));
            return Mono.just(true);
        }

        @Override
        public Mono<Void> deadLetter(String consumerGroup, LogEntry entry, String reason) {
            write(st -> st.deadLetters.add(entry));
            return Mono.empty();
        }
    }
}
