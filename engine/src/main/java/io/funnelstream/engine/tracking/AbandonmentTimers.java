package io.funnelstream.engine.tracking;

import io.funnelstream.engine.model.SurveyEvent;
import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.scheduler.Scheduler;

/**
 * The stage that turns inactivity into abandonments: one timer per open survey (started, not completed, not
 * abandoned since its last activity), due {@code timeout} after the last activity on the scheduler's clock. New
 * activity moves the timer, a completion or an abandonment cancels it; a timer that fires emits an abandonment
 * dated at the moment the survey became idle for {@code timeout}, with a dedupe key made of the message and the
 * last activity, so that the same conclusion reached twice (a restart, two instances) counts once. Progress older
 * than what a timer already follows is ignored. Memory holds the open surveys only.
 *
 * <p>Give it a {@code VirtualTimeScheduler} to test it without waiting. The output completes once the input has
 * completed and every timer has fired or been cancelled.
 */
public final class AbandonmentTimers implements Function<Flux<SurveyProgress>, Flux<SurveyEvent>> {

    /** The inactivity after which a started survey counts as abandoned, unless configured otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final Duration timeout;
    private final Scheduler scheduler;

    public AbandonmentTimers(Duration timeout, Scheduler scheduler) {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("the abandonment timeout must be positive");
        }
        this.timeout = timeout;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public Flux<SurveyEvent> apply(Flux<SurveyProgress> progress) {
        return Flux.create(sink -> {
            Timers timers = new Timers(sink);
            Disposable upstream = progress.subscribe(timers::follow, sink::error, timers::inputDone);
            sink.onDispose(() -> {
                upstream.dispose();
                timers.cancelAll();
            });
        });
    }

    private record Key(TenantId tenant, UUID messageId) {}

    private record Pending(SurveyProgress progress, Disposable task) {}

    /** The open surveys' timers; guarded by itself, since timers fire on the scheduler's threads. */
    private final class Timers {

        private final FluxSink<SurveyEvent> sink;
        private final Map<Key, Pending> pending = new HashMap<>();
        private boolean inputDone;

        Timers(FluxSink<SurveyEvent> sink) {
            this.sink = sink;
        }

        synchronized void follow(SurveyProgress p) {
            Key key = new Key(p.tenant(), p.messageId());
            Pending current = pending.get(key);
            if (!p.completed() && current != null && p.lastActivity().isBefore(current.progress().lastActivity())) {
                return;
            }
            if (current != null) {
                current.task().dispose();
                pending.remove(key);
            }
            if (p.open() && !p.completed()) {
                long due = p.lastActivity().plus(timeout).toEpochMilli();
                long delay = Math.max(0, due - scheduler.now(TimeUnit.MILLISECONDS));
                // Registered before scheduling: a scheduler may run a due task at once, on this thread.
                Disposable.Swap task = Disposables.swap();
                pending.put(key, new Pending(p, task));
                task.update(scheduler.schedule(() -> fire(key, p), delay, TimeUnit.MILLISECONDS));
            } else {
                completeIfDone();
            }
        }

        private void fire(Key key, SurveyProgress p) {
            synchronized (this) {
                Pending current = pending.get(key);
                if (current == null || current.progress() != p) {
                    return;
                }
                pending.remove(key);
            }
            sink.next(abandonment(p));
            synchronized (this) {
                completeIfDone();
            }
        }

        synchronized void inputDone() {
            inputDone = true;
            completeIfDone();
        }

        synchronized void cancelAll() {
            pending.values().forEach(t -> t.task().dispose());
            pending.clear();
        }

        private void completeIfDone() {
            if (inputDone && pending.isEmpty()) {
                sink.complete();
            }
        }
    }

    private SurveyEvent abandonment(SurveyProgress p) {
        Instant idle = p.lastActivity();
        Instant now = Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
        return new SurveyEvent(p.tenant(), p.messageId(), p.recipientId(), p.distributionId(), p.surveyId(),
                SurveyEventType.ABANDONED, null, dedupeKey(p.messageId(), idle), idle.plus(timeout), now, Map.of(),
                false, idle);
    }

    /** The dedupe key of the abandonment concluded after the last activity {@code idle}. */
    public static String dedupeKey(UUID messageId, Instant idle) {
        return "idle:" + messageId + ":" + idle.toEpochMilli();
    }
}
