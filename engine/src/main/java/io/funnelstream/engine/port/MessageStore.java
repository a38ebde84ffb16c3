package io.funnelstream.engine.port;

import io.funnelstream.engine.model.MessageEvent;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.SurveyTally;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pipeline's truth in Postgres: messages, their events, the rollup outbox and the log positions, all written
 * in one transaction per log batch. The adapter only stores and finds; the pipeline decides (lifecycle, deltas).
 *
 * <p>Failures: a transient failure (connection, timeout, conflict) is a {@link StoreUnavailableException} and
 * nothing was committed; any other failure may be caused by a record of the work (a value a constraint refuses).
 */
public interface MessageStore {

    /**
     * Runs {@code work} in one transaction and commits it when {@code commitIf} accepts the work's result, else
     * rolls it back; either way emits the result. An error or a cancellation rolls back.
     */
    <T> Mono<T> inTransaction(Function<Transaction, Mono<T>> work, Predicate<? super T> commitIf);

    /**
     * Outbox rows not applied to the rollup store yet, in commit order ({@link PendingWindow#id()}), after
     * {@code afterId}, at most {@code limit}, only those committed at least {@code minAge} ago (so that a sweep
     * leaves alone the windows the pipeline is applying itself).
     */
    Flux<PendingWindow> pendingWindows(long afterId, int limit, Duration minAge);

    /** Removes applied windows from the outbox and remembers per tenant and partition how far was applied. */
    Mono<Void> windowsApplied(Collection<PendingWindow> windows);

    /** How many outbox rows wait. */
    Mono<Long> outboxBacklog();

    /** What one transaction can do. Every tenant method works as that tenant (row-level security). */
    interface Transaction {

        /** Inserts the messages that do not exist yet (by id or provider id); emits the ids inserted. */
        Flux<UUID> createMessages(TenantId tenant, List<StoredMessage> messages);

        /** The tenant's messages with one of these ids or provider ids. */
        Flux<StoredMessage> findMessages(
                TenantId tenant, Collection<UUID> ids, Collection<ProviderMessageKey> providerIds);

        /**
         * Inserts the events not stored yet (by tenant, provider and provider event id), each marked applied to
         * its message or left pending (no message known); emits the events this call inserted.
         */
        Flux<MessageEvent> insertEvents(TenantId tenant, List<EventInsert> events);

        /**
         * Marks the pending events of these messages applied to them and emits them: events that named the
         * message by our id, or by the provider's id without naming any of ours, with the message's channel and
         * provider.
         */
        Flux<ClaimedEvent> claimPendingEvents(TenantId tenant, List<StoredMessage> messages);

        /** Stores the messages' new states. */
        Mono<Void> updateMessages(TenantId tenant, List<StoredMessage> messages);

        /** Adds windows to the outbox; emits them with their outbox ids. */
        Flux<PendingWindow> writeWindows(List<WindowPart> windows);

        /**
         * Stores the next position of each range; false when another consumer had already gone past one of them
         * (then the caller rolls back).
         */
        Mono<Boolean> savePositions(String consumerGroup, List<LogRange> ranges);

        /**
         * The stored survey events (bots left out) of these messages, per message and type: count, first and last
         * time.
         */
        default Flux<SurveyRow> surveyTallies(TenantId tenant, Collection<UUID> messageIds) {
            return Flux.error(new UnsupportedOperationException("survey events"));
        }

        /**
         * Inserts the survey events not stored yet (by tenant and dedupe key); emits the dedupe keys this call
         * inserted. An event of a message not {@link SurveyInsert#known()} is stored without its message id, so
         * that it counts nowhere.
         */
        default Flux<String> insertSurveyEvents(TenantId tenant, List<SurveyInsert> events) {
            return Flux.error(new UnsupportedOperationException("survey events"));
        }

        /** Keeps a record the pipeline could not apply, with why, so that it can be looked at and replayed. */
        Mono<Void> deadLetter(String consumerGroup, LogEntry entry, String reason);
    }

    /** How a provider names a message. */
    record ProviderMessageKey(Provider provider, String providerMessageId) {

        public ProviderMessageKey {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /**
     * An event to store.
     *
     * @param event the event
     * @param appliedTo the message it is applied to now, or null to keep it pending
     */
    record EventInsert(MessageEvent event, @Nullable UUID appliedTo) {

        public EventInsert {
            Objects.requireNonNull(event, "event");
        }
    }

    /** A pending event now applied to {@code messageId}. */
    record ClaimedEvent(UUID messageId, MessageEvent event) {

        public ClaimedEvent {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(event, "event");
        }
    }

    /** One tenant's part of a window, to go to the outbox. */
    record WindowPart(TenantId tenant, WindowId window, RollupDelta delta) {

        public WindowPart {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /**
     * An outbox row: one tenant's part of a committed window, waiting to be applied to the rollup store.
     *
     * @param id the row's id, increasing in commit order
     */
    record PendingWindow(long id, TenantId tenant, WindowId window, RollupDelta delta) {

        public PendingWindow {
            Objects.requireNonNull(tenant, "tenant");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(delta, "delta");
        }
    }

    /** A survey event to store, and whether its message is known. */
    record SurveyInsert(SurveyEvent event, boolean known) {

        public SurveyInsert {
            Objects.requireNonNull(event, "event");
        }
    }

    /** One message's stored survey events of one type. */
    record SurveyRow(UUID messageId, SurveyEventType type, SurveyTally.Stat stat) {

        public SurveyRow {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(stat, "stat");
        }
    }
}
