package io.funnelstream.api.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** What every indicator does around its own check: a deadline, and any failure reported as DOWN, never thrown. */
final class Probe {

    private Probe() {}

    static Mono<Health> bounded(Mono<Health> check, Duration timeout) {
        return check.timeout(timeout).onErrorResume(e -> Mono.just(down(e, timeout)));
    }

    private static Health down(Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return Health.down().withDetail("error", "no answer within " + timeout).build();
        }
        String message = failure.getMessage();
        String error = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return Health.down().withDetail("error", error).build();
    }
}
