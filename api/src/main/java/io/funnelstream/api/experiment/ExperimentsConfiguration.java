package io.funnelstream.api.experiment;

import io.funnelstream.engine.experiment.Experiments;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Experiments over Postgres. The {@link Experiments} bean is also the
 * {@link io.funnelstream.engine.experiment.ExperimentAssignments} the sender asks before each message.
 */
@Configuration(proxyBeanMethods = false)
public class ExperimentsConfiguration {

    @Bean
    Experiments experiments(TenantTransactions transactions, Clock clock) {
        return new Experiments(PostgresAdapters.experimentStore(transactions), clock);
    }
}
