package io.funnelstream.infra.postgres;

import io.funnelstream.engine.port.TenantDirectory;
import java.security.SecureRandom;

/** The public way in to the Postgres adapters, which are package-private. */
public final class PostgresAdapters {

    private PostgresAdapters() {}

    /** Tenants and API keys over the given transactions (connected as {@code funnelstream_app}). */
    public static TenantDirectory tenantDirectory(TenantTransactions transactions) {
        return new R2dbcTenantDirectory(transactions, new SecureRandom());
    }
}
