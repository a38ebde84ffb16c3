package io.funnelstream.api.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * A component that lives in this JVM's heap (the embedded default's rollup store): it is up exactly when the service
 * answers, so the indicator names its backend and reports the heap it shares.
 */
public final class InProcessHealthIndicator implements ReactiveHealthIndicator {

    private final String backend;
    private final Runtime runtime;

    public InProcessHealthIndicator(String backend) {
        this(backend, Runtime.getRuntime());
    }

    InProcessHealthIndicator(String backend, Runtime runtime) {
        this.backend = backend;
        this.runtime = runtime;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> Health.up()
                .withDetail("backend", backend)
                .withDetail("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory())
                .withDetail("heapMaxBytes", runtime.maxMemory())
                .build());
    }
}
