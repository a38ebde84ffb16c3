package io.funnelstream.api.analytics;

import io.funnelstream.engine.analytics.AnalyticsSource;
import io.funnelstream.engine.analytics.AnalyticsSources;
import io.funnelstream.engine.analytics.DeliveryAnalytics;
import io.funnelstream.engine.analytics.DistributionCatalog;
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
 * Delivery analytics: read from the {@link RollupStore} while the {@link RollupAvailability} says it is current,
 * counted from Postgres otherwise. Without a rollup store in the context everything is counted from Postgres.
 */
@Configuration(proxyBeanMethods = false)
public class AnalyticsConfiguration {

    @Bean
    DistributionCatalog distributionCatalog(TenantTransactions transactions) {
        return PostgresAdapters.distributionCatalog(transactions);
    }

    @Bean
    DeliveryAnalytics deliveryAnalytics(
            ObjectProvider<RollupStore> store,
            TenantTransactions transactions,
            DistributionCatalog catalog,
            ObjectProvider<RollupAvailability> availability,
            ObjectProvider<RollupRetention> retention,
            Clock clock) {
        RollupStore rollups = store.getIfAvailable();
        AnalyticsSources sources = new AnalyticsSources(
                rollups == null ? null : AnalyticsSource.of(rollups),
                PostgresAdapters.analyticsSource(transactions),
                // The pipeline knows whether the rollups are caught up; without one they count as current (a
                // failing read still falls back to Postgres).
                availability.getIfAvailable(RollupAvailability::always));
        return new DeliveryAnalytics(sources, catalog, retention.getIfAvailable(() -> RollupRetention.DEFAULT), clock);
    }
}
