package io.funnelstream.infra.embedded;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupRetention;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.WindowId;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * The embedded default's rollup store: rollups in this process's memory, lost on exit and rebuilt from
 * Postgres at start (its {@link #mark} is empty then).
 *
 * <p>Bounded: per tenant at most {@code maxKeysPerTenant} rollups (the ones first to expire go first when
 * there are more) and the ids of the last {@code rememberedWindows} windows applied, which is how far back a
 * repeated window is still recognised. Rollups expire as {@link RollupRetention} says. Safe for concurrent
 * use: each tenant's rollups change one window at a time.
 */
public final class InMemoryRollupStore implements RollupStore {

    public static final int DEFAULT_MAX_KEYS_PER_TENANT = 250_000;
    public static final int DEFAULT_REMEMBERED_WINDOWS = 100_000;

    private final Clock clock;
    private final RollupRetention retention;
    private final int maxKeysPerTenant;
    private final int rememberedWindows;
    private final Map<TenantId, TenantRollups> tenants = new ConcurrentHashMap<>();

    public InMemoryRollupStore(Clock clock) {
        this(clock, RollupRetention.DEFAULT, DEFAULT_MAX_KEYS_PER_TENANT, DEFAULT_REMEMBERED_WINDOWS);
    }

    public InMemoryRollupStore(Clock clock, RollupRetention retention, int maxKeysPerTenant, int rememberedWindows) {
        if (maxKeysPerTenant < 1 || rememberedWindows < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.maxKeysPerTenant = maxKeysPerTenant;
        this.rememberedWindows = rememberedWindows;
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        return Mono.fromCallable(() -> {
            requireOnlyTenant(tenant, delta);
            return rollupsOf(tenant).apply(tenant, window, delta, clock.instant());
        });
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        return Mono.fromCallable(() -> {
            TenantRollups rollups = tenants.get(query.tenant());
            return rollups == null
                    ? new RollupSnapshot(query, new TreeMap<>())
                    : rollups.read(query, clock.instant());
        });
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return Mono.fromRunnable(() -> {
            requireOnlyTenant(tenant, fullState);
            rollupsOf(tenant).replaceAll(fullState, coveredUpTo, clock.instant());
        });
    }

    @Override
    public Mono<Void> beginRebuild(TenantId tenant) {
        return Mono.fromRunnable(() -> rollupsOf(tenant).beginRebuild());
    }

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return Mono.fromCallable(() -> {
            TenantRollups rollups = tenants.get(tenant);
            return rollups == null ? RollupMark.empty() : rollups.mark();
        });
    }

    /** How many rollups the tenant has in memory. */
    public int size(TenantId tenant) {
        TenantRollups rollups = tenants.get(tenant);
        return rollups == null ? 0 : rollups.size();
    }

    private TenantRollups rollupsOf(TenantId tenant) {
        return tenants.computeIfAbsent(
                tenant, t -> new TenantRollups(retention, maxKeysPerTenant, rememberedWindows));
    }

    static void requireOnlyTenant(TenantId tenant, RollupDelta delta) {
        for (TenantId other : delta.tenants()) {
            if (!other.equals(tenant)) {
                throw new IllegalArgumentException("delta for " + tenant + " touches rollups of " + other);
            }
        }
    }
}
