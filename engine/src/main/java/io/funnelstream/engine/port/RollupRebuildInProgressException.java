package io.funnelstream.engine.port;

import io.funnelstream.engine.model.TenantId;

/**
 * A window cannot be applied now because the tenant's rollups are being rebuilt (see
 * {@link RollupStore#beginRebuild}). Retryable: the window stays in the outbox and is applied once the rebuild
 * has finished, when the store skips it if the rebuild covered it.
 */
public final class RollupRebuildInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RollupRebuildInProgressException(TenantId tenant) {
        super("rollups of tenant " + tenant + " are being rebuilt");
    }
}
