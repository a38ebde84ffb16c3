package io.funnelstream.engine.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.funnelstream.engine.model.SurveyEventType;
import io.funnelstream.engine.model.SurveyProgress;
import io.funnelstream.engine.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Inactivity timers on virtual time: no waiting, and the times exact. */
class AbandonmentTimersTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration VERIFY = Duration.ofSeconds(5);

    private final TenantId tenant = TenantId.random();
    private final UUID message = UUID.randomUUID();

    @Test
    void shouldConcludeAbandonmentThirtyMinutesAfterTheLastActivityAndNotBefore() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Instant start = Instant.ofEpochMilli(time.now(java.util.concurrent.TimeUnit.MILLISECONDS));
        TestPublisher<SurveyProgress> progress = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> progress.flux().transform(new AbandonmentTimers(TIMEOUT, time)),
                        () -> time, Long.MAX_VALUE)
                .then(() -> progress.next(open(start)))
                .thenAwait(Duration.ofMinutes(20))
                .then(() -> progress.next(open(start.plus(Duration.ofMinutes(20)))))
                .thenAwait(Duration.ofMinutes(29))
                .expectNoEvent(Duration.ofSeconds(59))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(e -> {
                    assertThat(e.type()).isEqualTo(SurveyEventType.ABANDONED);
                    assertThat(e.messageId()).isEqualTo(message);
                    assertThat(e.inactiveSince()).isEqualTo(start.plus(Duration.ofMinutes(20)));
                    assertThat(e.occurredAt()).isEqualTo(start.plus(Duration.ofMinutes(50)));
                    assertThat(e.dedupeKey())
                            .isEqualTo(AbandonmentTimers.dedupeKey(message, start.plus(Duration.ofMinutes(20))));
                })
                .then(progress::complete)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void shouldCancelTheTimerOnCompletionAndIgnoreOlderProgress() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Instant start = Instant.ofEpochMilli(time.now(java.util.concurrent.TimeUnit.MILLISECONDS));
        TestPublisher<SurveyProgress> progress = TestPublisher.create();

        StepVerifier.withVirtualTime(() -> progress.flux().transform(new AbandonmentTimers(TIMEOUT, time)),
                        () -> time, Long.MAX_VALUE)
                .then(() -> progress.next(open(start.plus(Duration.ofMinutes(5)))))
                .then(() -> progress.next(open(start)))
                .thenAwait(Duration.ofMinutes(10))
                .then(() -> progress.next(completed(start.plus(Duration.ofMinutes(10)))))
                .thenAwait(Duration.ofHours(2))
                .then(progress::complete)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void shouldFireAtOnceForAnOpenSurveyRebuiltAfterItsTimeHadPassed() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        time.advanceTimeBy(Duration.ofDays(1));
        Instant now = Instant.ofEpochMilli(time.now(java.util.concurrent.TimeUnit.MILLISECONDS));
        Instant idle = now.minus(Duration.ofHours(3));

        StepVerifier.withVirtualTime(() -> reactor.core.publisher.Flux.just(open(idle))
                                .transform(new AbandonmentTimers(TIMEOUT, time)), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ZERO)
                .assertNext(e -> assertThat(e.occurredAt()).isEqualTo(idle.plus(TIMEOUT)))
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void shouldStartNoTimerForASurveyThatIsNotOpen() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Instant now = Instant.ofEpochMilli(time.now(java.util.concurrent.TimeUnit.MILLISECONDS));
        SurveyProgress viewedOnly = new SurveyProgress(tenant, message, null, null, null, now, false, false);

        StepVerifier.withVirtualTime(() -> reactor.core.publisher.Flux.just(viewedOnly)
                                .transform(new AbandonmentTimers(TIMEOUT, time)), () -> time, Long.MAX_VALUE)
                .thenAwait(Duration.ofHours(1))
                .expectComplete()
                .verify(VERIFY);
    }

    private SurveyProgress open(Instant lastActivity) {
        return new SurveyProgress(tenant, message, null, null, null, lastActivity, true, false);
    }

    private SurveyProgress completed(Instant lastActivity) {
        return new SurveyProgress(tenant, message, null, null, null, lastActivity, false, true);
    }
}
