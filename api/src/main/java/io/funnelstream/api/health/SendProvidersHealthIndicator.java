package io.funnelstream.api.health;

import io.funnelstream.engine.model.Provider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The sending providers' circuit states as details. It stays UP when a provider's circuit is open: the service
 * still works, messages to that provider wait in the outbox, and a restart would not help.
 */
public final class SendProvidersHealthIndicator implements HealthIndicator {

    private final Supplier<Map<Provider, CircuitBreaker.State>> states;

    public SendProvidersHealthIndicator(Supplier<Map<Provider, CircuitBreaker.State>> states) {
        this.states = states;
    }

    @Override
    public Health health() {
        Map<String, String> details = new TreeMap<>();
        states.get().forEach((provider, state) -> details.put(provider.slug(), state.name()));
        return Health.up().withDetails(details).build();
    }
}
