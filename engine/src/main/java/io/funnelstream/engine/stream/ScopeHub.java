package io.funnelstream.engine.stream;

import io.funnelstream.engine.alert.AlertEvaluation;
import io.funnelstream.engine.model.TenantId;
import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.rollup.Scope;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The live updates of every watched (tenant, scope): one hub per pair, created by its first subscriber and
 * removed after the grace period that follows its last. The figures are read once per hub and update, never per
 * connection.
 *
 * <p>Event ids: a hub numbers its updates from {@code clock.millis() * 1000} up, one by one, so ids rise per scope
 * on this instance even when a hub is created anew; an id from another hub (an older one, or another instance)
 * gets a snapshot.
 */
public final class ScopeHub {

    /** @param subject a rollup {@link Scope} or an {@link ExperimentWatch} */
    private record Key(TenantId tenant, Object subject) {}

    private final Map<Key, ScopeChannel> channels = new ConcurrentHashMap<>();
    private final RollupChangeFeed feed;
    private final FiguresReader reader;
    private final HubSettings settings;
    private final Clock clock;
    private final Scheduler scheduler;
    private final StreamListener listener;
    private final ScopeAlerting alerting;

    public ScopeHub(RollupChangeFeed feed, FiguresReader reader, HubSettings settings, Clock clock,
            Scheduler scheduler, StreamListener listener) {
        this(feed, reader, settings, clock, scheduler, listener, ScopeAlerting.NONE);
    }

    /** @param alerting evaluates each update's alerts, once per scope */
    public ScopeHub(RollupChangeFeed feed, FiguresReader reader, HubSettings settings, Clock clock,
            Scheduler scheduler, StreamListener listener, ScopeAlerting alerting) {
        this.alerting = Objects.requireNonNull(alerting, "alerting");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The scope's updates for one connection: a snapshot first (or the missed updates, when resuming from an id
     * the ring still covers), then deltas. Fails if the first read of a new hub fails.
     */
    public Flux<StreamItem> connect(TenantId tenant, Scope scope, @Nullable Long lastEventId) {
        return Flux.defer(() -> channel(new Key(tenant, scope)).connect(lastEventId));
    }

    /**
     * An experiment's updates for one connection, as {@link #connect(TenantId, Scope, Long)}: its figures hold one
     * range per variant, and any change of a variant's rollups updates them. Experiments have no alerts.
     */
    public Flux<StreamItem> connect(TenantId tenant, ExperimentWatch experiment, @Nullable Long lastEventId) {
        return Flux.defer(() -> channel(new Key(tenant, experiment)).connect(lastEventId));
    }

    /** How many (tenant, scope) hubs are up. */
    public int activeScopes() {
        return channels.size();
    }

    private ScopeChannel channel(Key key) {
        return channels.computeIfAbsent(key, k -> {
            ScopeChannel[] self = new ScopeChannel[1];
            Runnable onIdle = () -> channels.remove(k, self[0]);
            long firstId = clock.millis() * 1_000;
            self[0] = switch (k.subject()) {
                case Scope scope -> new ScopeChannel(k.tenant(), scope, feed.changes(), reader, settings, scheduler,
                        firstId, listener, alerting, onIdle);
                case ExperimentWatch experiment -> new ScopeChannel(
                        change -> experiment.touchedBy(k.tenant(), change), reader.read(k.tenant(), experiment),
                        figures -> Mono.just(AlertEvaluation.NONE), feed.changes(), settings, scheduler, firstId,
                        listener, onIdle);
                default -> throw new IllegalStateException("not a streamed subject: " + k.subject());
            };
            return self[0];
        });
    }
}
