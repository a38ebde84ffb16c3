package io.funnelstream.engine.stream;

import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.port.RollupMark;
import io.funnelstream.engine.port.RollupStore;
import io.funnelstream.engine.port.RollupsChanged;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupKey;
import io.funnelstream.engine.rollup.RollupQuery;
import io.funnelstream.engine.rollup.RollupSnapshot;
import io.funnelstream.engine.rollup.Scope;
import io.funnelstream.engine.rollup.WindowId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import reactor.core.publisher.Mono;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * The store the pipeline writes through: after a window is applied (or a rebuild replaced a tenant's rollups) it
 * tells the {@link RollupChangeFeed} which of the tenant's scopes changed, so live streams re-read them. A notice
 * that cannot be published costs freshness, never counts: the write's own outcome stands.
 */
public final class AnnouncingRollupStore implements RollupStore {

    private static final Logger log = Loggers.getLogger(AnnouncingRollupStore.class);

    private final RollupStore store;
    private final RollupChangeFeed feed;

    public AnnouncingRollupStore(RollupStore store, RollupChangeFeed feed) {
        this.store = Objects.requireNonNull(store, "store");
        this.feed = Objects.requireNonNull(feed, "feed");
    }

    @Override
    public Mono<Boolean> apply(TenantId tenant, WindowId window, RollupDelta delta) {
        return store.apply(tenant, window, delta)
                .flatMap(applied -> applied ? announce(tenant, delta).thenReturn(true) : Mono.just(false));
    }

    @Override
    public Mono<RollupSnapshot> read(RollupQuery query) {
        return store.read(query);
    }

    @Override
    public Mono<List<RollupSnapshot>> readAll(List<RollupQuery> queries) {
        return store.readAll(queries);
    }

    @Override
    public Mono<Void> beginRebuild(TenantId tenant) {
        return store.beginRebuild(tenant);
    }

    @Override
    public Mono<Void> replaceAll(TenantId tenant, RollupDelta fullState, Map<String, Long> coveredUpTo) {
        return store.replaceAll(tenant, fullState, coveredUpTo).then(Mono.defer(() -> announce(tenant, fullState)));
    }

    @Override
    public Mono<RollupMark> mark(TenantId tenant) {
        return store.mark(tenant);
    }

    @Override
    public Mono<Boolean> isEmpty(TenantId tenant) {
        return store.isEmpty(tenant);
    }

    private Mono<Void> announce(TenantId tenant, RollupDelta delta) {
        Set<Scope> scopes = delta.rollups().keySet().stream()
                .filter(key -> key.tenant().equals(tenant))
                .map(RollupKey::scope)
                .collect(Collectors.toSet());
        if (scopes.isEmpty()) {
            return Mono.empty();
        }
        return feed.publish(new RollupsChanged(tenant, scopes))
                .onErrorResume(e -> {
                    log.warn("rollup change of tenant {} not announced: {}", tenant, e.toString());
                    return Mono.empty();
                });
    }
}
