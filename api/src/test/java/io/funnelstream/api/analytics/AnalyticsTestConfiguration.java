package io.funnelstream.api.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/**
 * What the analytics tests run against: a fixed clock, an in-memory rollup store they fill with known deltas, and
 * an availability signal they switch to send reads to Postgres.
 */
@TestConfiguration(proxyBeanMethods = false)
public class AnalyticsTestConfiguration {

    /** Now, for every analytics test: a Wednesday morning. */
    static final Instant NOW = Instant.parse("2026-11-25T10:17:42Z");

    @Bean
    @Primary
    Clock fixedClock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    @Primary
    InMemoryRollupStore testRollupStore() {
        return new InMemoryRollupStore(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Bean
    @Primary
    SwitchableAvailability switchableAvailability() {
        return new SwitchableAvailability();
    }

    /** Current until a test says otherwise. */
    static final class SwitchableAvailability implements RollupAvailability {

        private final AtomicBoolean current = new AtomicBoolean(true);

        void set(boolean value) {
            current.set(value);
        }

        @Override
        public Mono<Boolean> isCurrent(TenantId tenant) {
            return Mono.fromSupplier(current::get);
        }
    }
}
