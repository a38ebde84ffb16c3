package io.funnelstream.api.stream;

import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.infra.embedded.InMemoryRollupStore;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The rollup store the streams read, until the pipeline's own bean arrives. */
@TestConfiguration(proxyBeanMethods = false)
class StreamTestConfiguration {

    @Bean
    RollupStore rollupStore(Clock clock) {
        return new InMemoryRollupStore(clock);
    }
}
