package io.funnelstream.engine.send;

import io.funnelstream.engine.experiment.Assigned;
import io.funnelstream.engine.experiment.Assignment;
import io.funnelstream.engine.experiment.ExperimentAssignments;
import io.funnelstream.engine.experiment.VariantSettings;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.ExperimentArm;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.port.LogRecord;
import io.funnelstream.engine.port.ProviderSecrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * One sending worker: claims due outbox rows under a lease, renders each message, sends it through the tenant's
 * provider for its channel with the message id as idempotency key, and stores the outcome through its lease
 * (sent, retry later with backoff, failed, suppressed). Sends in flight are bounded ({@link
 * SendSettings#concurrency()}), and so are claims ahead of them (one batch).
 *
 * <p>Exactly once: a row is held by one worker at a time and leaves "sending" only through its holder. A worker
 * that dies leaves its rows to be claimed again when their leases expire; no send starts once a lease is too
 * close to its end, and every send is cut off at the send timeout, so a live worker never sends a row another
 * one holds. The one window left open is a worker that dies after the provider accepted and before it stored
 * that: the next attempt carries the same idempotency key, which providers that honour one deduplicate.
 *
 * <p>Experiments: before a message of a distribution goes out, its recipient's assignment is asked for ({@link
 * ExperimentAssignments#assignForSending}). A distribution without an experiment sends as it is. A variant to send
 * applies its settings and is stored with the outcome (so the message's events count in the variant's rollups); a
 * variant whose {@code sendAt} lies ahead holds the message until then, and a variant's {@code channel} moves it to
 * the recipient's address on that channel when it is sent. The remainder waiting for a winner, and every
 * recipient of a paused experiment, is held for {@link SendSettings#experimentWait()} and asked about again. A held
 * message goes back to the queue through its lease like any outcome, without using up an attempt.
 *
 * <p>Fail open: the outcome goes to the event log (the pipeline counts it in rollups) by a separate sweep over
 * unrecorded rows, so a log that is down delays tracking but never a send.
 */
public final class OutboxSender {

    private static final Logger log = Loggers.getLogger(OutboxSender.class);
    private static final int MAX_REASON = 500;

    private final SendOutbox outbox;
    private final ProviderClients clients;
    private final ProviderSecrets secrets;
    private final EventLog eventLog;
    private final TrackingLinks links;
    private final ExperimentAssignments experiments;
    private final Clock clock;
    private final Scheduler scheduler;
    private final SendSettings settings;
    private final String worker;
    private final SendStats stats = new SendStats();
    private final Map<CredentialKey, Mono<Optional<Map<String, String>>>> credentials = new ConcurrentHashMap<>();

    private record CredentialKey(TenantId tenant, Provider provider) {}

    /** A sender for distributions without experiments. */
    public OutboxSender(SendOutbox outbox, ProviderClients clients, ProviderSecrets secrets, EventLog eventLog,
            TrackingLinks links, Clock clock, Scheduler scheduler, SendSettings settings, String worker) {
        this(outbox, clients, secrets, eventLog, links, ExperimentAssignments.NONE, clock, scheduler, settings,
                worker);
    }

    public OutboxSender(SendOutbox outbox, ProviderClients clients, ProviderSecrets secrets, EventLog eventLog,
            TrackingLinks links, ExperimentAssignments experiments, Clock clock, Scheduler scheduler,
            SendSettings settings, String worker) {
        this.experiments = experiments;
        this.outbox = outbox;
        this.clients = clients;
        this.secrets = secrets;
        this.eventLog = eventLog;
        this.links = links;
        this.clock = clock;
        this.scheduler = scheduler;
        this.settings = settings;
        this.worker = worker;
    }

    public SendStats stats() {
        return stats;
    }

    public String worker() {
        return worker;
    }

    /** Sends and records until cancelled; emits each send's outcome. */
    public Flux<SendResult> run() {
        Flux<ClaimedSend> claims = Mono.defer(() -> claimBatch().collectList())
                .onErrorResume(e -> {
                    log.warn("claiming sends failed, trying again: {}", e.toString());
                    return Mono.just(List.of());
                })
                .flatMap(batch -> batch.isEmpty() ? Mono.delay(settings.idle(), scheduler).thenReturn(batch)
                        : Mono.just(batch))
                .repeat()
                .flatMapIterable(Function.identity(), 1);
        Flux<SendResult> sending = claims.flatMap(send -> process(send).onErrorResume(e -> {
            // The outcome could not be stored (the database is down): the row stays held until its lease expires,
            // then it is sent again with the same idempotency key.
            log.warn("outcome of message {} not stored: {}", send.messageId(), e.toString());
            return Mono.just(new SendResult(send.messageId(), SendResult.Kind.LEASE_LOST, "outcome not stored"));
        }), settings.concurrency(), 1);
        Flux<SendResult> recording = Mono.defer(this::recordOnce)
                .flatMap(n -> n == 0 ? Mono.delay(settings.idle(), scheduler).thenReturn(n) : Mono.just(n))
                .repeat()
                .thenMany(Flux.empty());
        return Flux.merge(sending, recording);
    }

    /** Claims one batch and sends it; emits the outcomes (for tests and one-shot draining). */
    public Flux<SendResult> sendOnce() {
        return claimBatch().flatMap(this::process, settings.concurrency());
    }

    /**
     * Writes up to one batch of finished, unrecorded sends to the event log and marks them recorded; emits how
     * many it wrote. A log that cannot take them leaves them for the next call (counted, logged).
     */
    public Mono<Integer> recordOnce() {
        return outbox.unrecorded(settings.batchSize()).collectList().flatMap(finished -> {
            if (finished.isEmpty()) {
                return Mono.just(0);
            }
            List<LogRecord> records = new ArrayList<>();
            Map<TenantId, List<UUID>> byTenant = new LinkedHashMap<>();
            for (FinishedSend f : finished) {
                records.addAll(SendRecords.of(f));
                byTenant.computeIfAbsent(f.tenant(), t -> new ArrayList<>()).add(f.messageId());
            }
            Mono<Void> append = records.isEmpty() ? Mono.empty() : eventLog.append(records);
            return append.then(Flux.fromIterable(byTenant.entrySet())
                            .concatMap(e -> outbox.recorded(e.getKey(), e.getValue()))
                            .then())
                    .doOnSuccess(done -> stats.recorded.add(finished.size()))
                    .thenReturn(finished.size());
        }).onErrorResume(e -> {
            stats.recordFailures.increment();
            log.warn("recording finished sends in the event log failed, trying again later: {}", e.toString());
            return Mono.delay(settings.idle(), scheduler).thenReturn(0);
        });
    }

    private Flux<ClaimedSend> claimBatch() {
        return outbox.claim(worker, clock.instant(), settings.lease(), settings.batchSize())
                .doOnNext(c -> stats.claimed.increment());
    }

    Mono<SendResult> process(ClaimedSend send) {
        if (send.suppressed() != null) {
            return stored(outbox.suppressed(send, worker, send.suppressed(), clock.instant()))
                    .map(held -> outcome(held, SendResult.Kind.SUPPRESSED, send, send.suppressed()));
        }
        return experiments.assignForSending(send.tenant(), send.distributionId(), send.recipientId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(assigned -> assigned.isEmpty() ? deliver(send) : underExperiment(send, assigned.get()));
    }

    private Mono<SendResult> underExperiment(ClaimedSend send, Assigned assigned) {
        Instant now = clock.instant();
        return switch (assigned.assignment()) {
            case Assignment.Send variant -> {
                ClaimedSend varied = send.under(
                        new ExperimentArm(assigned.experimentId(), variant.variant(), variant.inTest()),
                        Messages.varied(send.template(), assigned.settings()));
                Instant sendAt = VariantSettings.sendAt(assigned.settings()).orElse(now);
                yield sendAt.isAfter(now) ? hold(varied, sendAt, "variant " + variant.variant() + " sends at " + sendAt)
                        : VariantSettings.channel(assigned.settings())
                                .map(channel -> onVariantChannel(varied.on(channel), variant.variant()))
                                .orElseGet(() -> deliver(varied));
            }
            case Assignment.Wait wait -> hold(send, now.plus(settings.experimentWait()), "waiting for a winner");
            case Assignment.NotRunning idle ->
                    hold(send, now.plus(settings.experimentWait()), "experiment not running");
        };
    }

    /**
     * Sends a message its variant moved to another channel: never to another address than the variant's channel
     * gives (see {@link VariantSettings}), so an unreachable recipient fails under the variant and a suppressed
     * address is suppressed.
     */
    private Mono<SendResult> onVariantChannel(ClaimedSend moved, String variant) {
        String channel = moved.channel().slug();
        if (!moved.reachable()) {
            return fail(moved, "no-address-for-variant-channel", "Variant " + variant + " sends on " + channel
                    + " and the recipient has no " + channel + " address.");
        }
        if (moved.suppressed() != null) {
            return stored(outbox.suppressed(moved, worker, moved.suppressed(), clock.instant()))
                    .map(held -> outcome(held, SendResult.Kind.SUPPRESSED, moved, moved.suppressed()));
        }
        String subject = moved.template().subject();
        if (moved.channel() == Channel.EMAIL && (subject == null || subject.isBlank())) {
            return fail(moved, "subject-missing", "Variant " + variant + " sends by email and neither it nor the"
                    + " distribution has a subject.");
        }
        return deliver(moved);
    }

    private Mono<SendResult> hold(ClaimedSend send, Instant until, String why) {
        return stored(outbox.held(send, worker, until)).map(held -> outcome(held, SendResult.Kind.HELD, send, why));
    }

    private Mono<SendResult> deliver(ClaimedSend send) {
        if (clock.instant().plus(settings.sendTimeout()).isAfter(send.leaseUntil())) {
            log.warn("message {} not sent: its lease ends too soon; it will be claimed again", send.messageId());
            return Mono.just(new SendResult(send.messageId(), SendResult.Kind.LEASE_LOST, "lease too short"));
        }
        Provider provider = send.provider();
        if (provider == null) {
            return fail(send, "provider-not-chosen", "No provider is chosen for the " + send.channel().slug()
                    + " channel of this tenant.");
        }
        Optional<ProviderClient> client = clients.forProvider(provider);
        if (client.isEmpty()) {
            return fail(send, "provider-unsupported", "This server has no sending client for " + provider.slug()
                    + ".");
        }
        return credentials(send.tenant(), provider).flatMap(found -> found.isEmpty()
                ? fail(send, "credentials-missing", "No " + provider.slug() + " credentials are set.")
                : send(send, client.get(), Messages.outbound(send, provider, links, settings, clock), found.get()));
    }

    private Mono<SendResult> send(ClaimedSend send, ProviderClient client, OutboundMessage message,
            Map<String, String> credentials) {
        return Mono.defer(() -> client.send(message, credentials))
                .timeout(settings.sendTimeout(), scheduler)
                .onErrorResume(TimeoutException.class, e -> Mono.just(new SendOutcome.Failed("timeout",
                        "No answer within " + settings.sendTimeout() + ".", true, null)))
                .onErrorResume(e -> Mono.just(new SendOutcome.Failed("client-error", e.toString(), false, null)))
                .flatMap(outcome -> switch (outcome) {
                    case SendOutcome.Accepted a ->
                            stored(outbox.sent(send, worker, a.providerMessageId(), clock.instant()))
                                    .map(held -> outcome(held, SendResult.Kind.SENT, send, a.providerMessageId()));
                    case SendOutcome.Failed f when f.retryable() && send.attempt() < settings.maxAttempts() ->
                            retry(send, f);
                    case SendOutcome.Failed f -> fail(send, f.code(), f.reason());
                });
    }

    private Mono<SendResult> retry(ClaimedSend send, SendOutcome.Failed failure) {
        Instant next = clock.instant().plus(delay(send.attempt(), failure.retryAfter()));
        return stored(outbox.retryAt(send, worker, failure.code(), trim(failure.reason()), next))
                .map(held -> outcome(held, SendResult.Kind.RETRY, send, failure.code()));
    }

    private Mono<SendResult> fail(ClaimedSend send, String code, String reason) {
        return stored(outbox.failed(send, worker, code, trim(reason), clock.instant()))
                .map(held -> outcome(held, SendResult.Kind.FAILED, send, code));
    }

    /**
     * Stores an outcome, trying again for a few seconds when the store fails: an outcome lost after a send means
     * sending again once the lease expires.
     */
    private Mono<Boolean> stored(Mono<Boolean> write) {
        return write.retryWhen(Retry.backoff(5, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                .scheduler(scheduler));
    }

    /** The delay before attempt {@code attempt + 1}: exponential with full jitter, never less than asked. */
    Duration delay(int attempt, @Nullable Duration retryAfter) {
        long base = settings.backoff().toMillis();
        long cap = settings.maxBackoff().toMillis();
        long exponential = Math.min(cap, base << Math.min(20, Math.max(0, attempt - 1)));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        Duration delay = Duration.ofMillis(jittered);
        return retryAfter != null && retryAfter.compareTo(delay) > 0 ? retryAfter : delay;
    }

    private SendResult outcome(boolean held, SendResult.Kind kind, ClaimedSend send, String detail) {
        if (!held) {
            stats.lostLeases.increment();
            log.warn("outcome {} of message {} not stored: the worker no longer holds it", kind, send.messageId());
            return new SendResult(send.messageId(), SendResult.Kind.LEASE_LOST, detail);
        }
        switch (kind) {
            case SENT -> stats.sent.increment();
            case FAILED -> stats.failed.increment();
            case RETRY -> stats.retried.increment();
            case SUPPRESSED -> stats.suppressed.increment();
            case HELD -> stats.held.increment();
            case LEASE_LOST -> stats.lostLeases.increment();
        }
        return new SendResult(send.messageId(), kind, detail);
    }

    private Mono<Optional<Map<String, String>>> credentials(TenantId tenant, Provider provider) {
        return credentials.computeIfAbsent(new CredentialKey(tenant, provider), key -> secrets.find(tenant, provider)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .cache(found -> settings.credentialsTtl(), e -> Duration.ZERO, () -> Duration.ZERO));
    }

    private static String trim(String reason) {
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    }
}
