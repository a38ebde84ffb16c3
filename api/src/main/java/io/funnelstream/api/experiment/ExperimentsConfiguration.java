package io.funnelstream.api.experiment;

import io.funnelstream.engine.experiment.ExperimentStore;
import io.funnelstream.engine.experiment.Experiments;
import io.funnelstream.engine.experiment.RollupVariantOutcomes;
import io.funnelstream.engine.experiment.VariantOutcomes;
import io.funnelstream.engine.port.RollupAvailability;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.infra.postgres.PostgresAdapters;
import io.funnelstream.infra.postgres.TenantTransactions;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Experiments over Postgres. The {@link Experiments} bean is also the
 * {@link io.funnelstream.engine.experiment.ExperimentAssignments} the sender asks before each message. Per-variant
 * outcomes are read from the variants' rollups while the {@link RollupAvailability} says the store is current, and
 * counted in Postgres otherwise (or without a rollup store), as delivery analytics do.
 */
@Configuration(proxyBeanMethods = false)
public class ExperimentsConfiguration {

    @Bean
    Experiments experiments(TenantTransactions transactions, ObjectProvider<RollupStore> stores,
            ObjectProvider<RollupAvailability> availability, ObjectProvider<RollupRetention> retention, Clock clock) {
        ExperimentStore store = PostgresAdapters.experimentStore(transactions);
        VariantOutcomes postgres = VariantOutcomes.of(store);
        RollupStore rollups = stores.getIfAvailable();
        VariantOutcomes outcomes = rollups == null ? postgres : new RollupVariantOutcomes(rollups::read,
                availability.getIfAvailable(RollupAvailability::always), postgres, clock,
                retention.getIfAvailable(() -> RollupRetention.DEFAULT).days());
        return new Experiments(store, outcomes, clock);
    }
}
