package io.funnelstream.engine.send;

import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The durable outbox that drives sending: one row per message, claimed by one worker at a time under a lease.
 * Each change of a claimed row names the worker and takes effect only while that worker still holds the row
 * (emits false otherwise: the lease expired and the row went to another worker, or the distribution was
 * cancelled).
 */
public interface SendOutbox {

    /**
     * Leases up to {@code max} due rows of running distributions to {@code worker} until {@code now + lease}:
     * queued rows whose next attempt is due, and rows whose previous worker's lease expired. Rows other
     * workers hold are skipped, never waited for.
     */
    Flux<ClaimedSend> claim(String worker, Instant now, Duration lease, int max);

    /** The provider accepted the message. This and the other outcomes store the send's variant when it has one. */
    Mono<Boolean> sent(ClaimedSend send, String worker, String providerMessageId, Instant at);

    /** The message failed for good. */
    Mono<Boolean> failed(ClaimedSend send, String worker, String code, String reason, Instant at);

    /** The message failed for now and is due again at {@code next}. */
    Mono<Boolean> retryAt(ClaimedSend send, String worker, String code, String reason, Instant next);

    /**
     * The message is not sent now and is due again at {@code until}, without counting this attempt: its experiment
     * holds it (the remainder waiting for a winner, a paused experiment, a variant's later send time). Stores the
     * send's variant when it has one.
     */
    Mono<Boolean> held(ClaimedSend send, String worker, Instant until);

    /** The recipient must not be sent to: the message is not sent and counts as suppressed. */
    Mono<Boolean> suppressed(ClaimedSend send, String worker, String reason, Instant at);

    /** Up to {@code max} finished sends whose outcome is not in the event log yet, oldest first. */
    Flux<FinishedSend> unrecorded(int max);

    /** Their outcome is in the event log now. */
    Mono<Void> recorded(TenantId tenant, Collection<UUID> messageIds);
}
