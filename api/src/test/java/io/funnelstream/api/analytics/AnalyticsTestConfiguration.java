package io.funnelstream.api.analytics;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/**
 * What the analytics tests run against: a fixed clock, an in-memory rollup store they fill with known deltas (and
 * can take down), and an availability signal they switch to send reads to Postgres.
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
    SwitchableRollupStore testRollupStore() {
        return new SwitchableRollupStore(new InMemoryRollupStore(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Bean
    @Primary
    SwitchableAvailability switchableAvailability() {
        return new SwitchableAvailability();
    }

    /** An in-memory store whose reads fail while a test has taken it down, as Redis would when it is gone. */
    static final class SwitchableRollupStore implements RollupStore {

        private final InMemoryRollupStore delegate;
        private final AtomicBoolean down = new AtomicBoolean();
        private final AtomicInteger reads = new AtomicInteger();

        SwitchableRollupStore(InMemoryRollupStore delegate) {
            this.delegate = delegate;
        }

        void setDown(boolean value) {
            down.set(value);
        }

        int reads() {
            return reads.get();
        }

        @Override
        public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
            return delegate.apply(tenant, window, delta);
        }

        @Override
        public Mono<RollupSnapshot> read(RollupQuery query) {
            return Mono.defer(() -> {
                reads.incrementAndGet();
                return down.get()
                        ? Mono.error(new IllegalStateException("the rollup store is down"))
                        : delegate.read(query);
            });
        }

        @Override
        public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
            return delegate.replaceAll(tenant, fullState, coveredUpTo);
        }

        @Override
        public Mono<RollupMark> mark(TenantId tenant) {
            return delegate.mark(tenant);
        }
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
