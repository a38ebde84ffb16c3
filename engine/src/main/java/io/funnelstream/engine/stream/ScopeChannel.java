package io.funnelstream.engine.stream;

import io.funnelstream.engine.alert.AlertEvaluation;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.Scope;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The hub of one tenant's scope (a rollup scope, or an experiment's variants): reads the figures (and evaluates the
 * alerts) once per coalesced change and shares
 * them with every subscriber (replaying the latest to each newcomer). Runs while it has subscribers, plus a grace
 * period.
 *
 * <p>The hub listens to the change feed before its first read: a change announced after a subscriber got the
 * snapshot is then always heard. (Subscribing after the first read lost a change made between the snapshot leaving
 * and the subscription, whenever the read completed at once, as the in-memory store's does.)
 */
final class ScopeChannel {

    private final Mono<ScopeFigures> read;
    private final Function<ScopeFigures, Mono<AlertEvaluation>> alerting;
    private final ReplayRing ring;
    private final long firstId;
    private final AtomicLong lastId;
    private final Flux<StreamEvent> events;
    private final StreamListener listener;
    private volatile @Nullable StreamEvent latest;

    private record Reading(ScopeFigures figures, AlertEvaluation alerts) {}

    /** The hub of one rollup scope of a tenant, with its alerts. */
    ScopeChannel(TenantId tenant, Scope scope, Flux<RollupsChanged> changes, FiguresReader reader,
            HubSettings settings, Scheduler scheduler, long firstId, StreamListener listener, ScopeAlerting alerting,
            Runnable onIdle) {
        this(change -> change.touches(tenant, scope), reader.read(tenant, scope),
                figures -> alerting.evaluate(tenant, scope, figures), changes, settings, scheduler, firstId, listener,
                onIdle);
    }

    /**
     * The hub of whatever {@code touches} picks out of the change feed, read by {@code read} (subscribed once per
     * update).
     */
    ScopeChannel(Predicate<RollupsChanged> touches, Mono<ScopeFigures> read,
            Function<ScopeFigures, Mono<AlertEvaluation>> alerting, Flux<RollupsChanged> changes,
            HubSettings settings, Scheduler scheduler, long firstId, StreamListener listener, Runnable onIdle) {
        this.read = read;
        this.ring = new ReplayRing(settings.ringSize());
        this.firstId = firstId;
        this.lastId = new AtomicLong(firstId - 1);
        this.listener = listener;
        this.alerting = alerting;
        // The feed first, then the tick of the first read: merge subscribes to its sources in this order.
        Flux<Boolean> ticks = Flux.merge(
                changes.filter(touches).map(change -> Boolean.TRUE),
                Mono.just(Boolean.TRUE));
        Mono<StreamEvent> quietPeriod = Mono.delay(settings.coalesce(), scheduler).then(Mono.empty());
        // Prefetch 0: a tick is taken only once the previous update and its quiet period are over, and the
        // ticks that arrived meanwhile wait folded into one (latest wins).
        this.events = ticks
                .onBackpressureLatest()
                .concatMap(tick -> refresh(tick).concatWith(quietPeriod), 0)
                .doFinally(signal -> onIdle.run())
                .replay(1)
                .refCount(1, settings.grace(), scheduler);
    }

    /** The first read fails the hub (the subscriber sees why); a later failed read skips that update. */
    private Mono<StreamEvent> refresh(Boolean tick) {
        Mono<StreamEvent> update = read
                .flatMap(figures -> alerting.apply(figures).map(alerts -> new Reading(figures, alerts)))
                .mapNotNull(this::record);
        if (latest == null) {
            return update;
        }
        return update.onErrorResume(failure -> {
            listener.readFailed(failure);
            return Mono.empty();
        });
    }

    /** Numbers the update, or null when neither numbers nor alerts changed since the last one. One at a time. */
    private @Nullable StreamEvent record(Reading reading) {
        ScopeFigures figures = reading.figures();
        AlertEvaluation alerts = reading.alerts();
        StreamEvent previous = latest;
        if (previous != null && previous.figures().sameNumbersAs(figures) && alerts.transitions().isEmpty()
                && alerts.firing().equals(previous.alerts().firing())) {
            return null;
        }
        Map<String, Set<String>> changed = previous == null
                ? Map.of()
                : figures.changedSince(previous.figures());
        StreamEvent event = new StreamEvent(lastId.incrementAndGet(), figures, changed, alerts);
        ring.add(event);
        latest = event;
        listener.updateComputed();
        return event;
    }

    /** The updates of one connection, shaped by its {@code Last-Event-ID} (null for a new client). */
    Flux<StreamItem> connect(@Nullable Long lastEventId) {
        return Flux.defer(() -> {
            ResumeGate gate = new ResumeGate(ring, firstId, lastEventId, listener);
            return events.concatMapIterable(gate::admit);
        });
    }
}
