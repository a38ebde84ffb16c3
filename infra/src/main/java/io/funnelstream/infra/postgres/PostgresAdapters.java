package io.funnelstream.infra.postgres;

import io.funnelstream.engine.alert.AlertRuleStore;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.experiment.ExperimentStore;
import io.funnelstream.engine.port.EventLog;
import io.funnelstream.engine.send.SendOutbox;
import io.funnelstream.engine.port.MessageRegistry;
import io.funnelstream.engine.port.MessageStore;
import io.funnelstream.engine.analytics.AnalyticsSource;
import io.funnelstream.engine.analytics.DistributionCatalog;
import io.funnelstream.engine.port.ProviderSecrets;
import io.funnelstream.engine.port.RecipientOptOuts;
import io.funnelstream.engine.port.SurveyProgressSource;
import io.funnelstream.engine.port.RollupSource;
import io.funnelstream.engine.port.TenantDirectory;
import io.funnelstream.infra.crypto.SecretCipher;
import io.r2dbc.spi.ConnectionFactory;
import java.security.SecureRandom;

/** The public way in to the Postgres adapters, which are package-private. */
public final class PostgresAdapters {

    private PostgresAdapters() {}

    /** Tenants and API keys over the given transactions (connected as {@code funnelstream_app}). */
    public static TenantDirectory tenantDirectory(TenantTransactions transactions) {
        return new R2dbcTenantDirectory(transactions, new SecureRandom());
    }

    /** Provider secrets, sealed with the given cipher before they are stored. */
    public static ProviderSecrets providerSecrets(TenantTransactions transactions, SecretCipher cipher) {
        return new R2dbcProviderSecrets(transactions, cipher);
    }

    /** The rollup pipeline's messages, events, outbox and positions, over a pool connected as the service role. */
    public static MessageStore messageStore(ConnectionFactory connections) {
        return new R2dbcMessageStore(connections);
    }

    /** Recounts and rebuild locks for rebuilding rollups. */
    public static RollupSource rollupSource(ConnectionFactory connections) {
        return new R2dbcRollupSource(connections);
    }

    /** Messages created through the event log and looked up in Postgres. */
    public static MessageRegistry messageRegistry(EventLog eventLog, TenantTransactions transactions) {
        return new R2dbcMessageRegistry(eventLog, transactions);
    }

    /** Analytics counted straight from the tables: the rollups' fallback, and slices rollups do not keep. */
    public static AnalyticsSource analyticsSource(TenantTransactions transactions) {
        return new PostgresAnalyticsSource(transactions);
    }

    /** Surveys, distributions and their recipients, and the provider per channel. */
    public static DistributionStore distributionStore(TenantTransactions transactions) {
        return new R2dbcDistributionStore(transactions);
    }

    /** The sending outbox: claims under leases, outcomes, and what the event log has not been told yet. */
    public static SendOutbox sendOutbox(TenantTransactions transactions) {
        return new R2dbcSendOutbox(transactions);
    }

    /** The tenant's distributions and their failure reasons, for analytics. */
    public static DistributionCatalog distributionCatalog(TenantTransactions transactions) {
        return new R2dbcDistributionCatalog(transactions);
    }

    /** Tenants' own alert rules. */
    public static AlertRuleStore alertRuleStore(TenantTransactions transactions) {
        return new R2dbcAlertRuleStore(transactions);
    }

    /** The open surveys the inactivity timers are rebuilt from at start. */
    public static SurveyProgressSource surveyProgressSource(TenantTransactions transactions) {
        return new R2dbcSurveyProgressSource(transactions);
    }

    /** Recipients' recorded opt-outs from tracking. */
    public static RecipientOptOuts recipientOptOuts(TenantTransactions transactions) {
        return new R2dbcRecipientOptOuts(transactions);
    }

    /** Experiments, their variants and the assignment of every recipient. */
    public static ExperimentStore experimentStore(TenantTransactions transactions) {
        return new R2dbcExperimentStore(transactions);
    }
}
