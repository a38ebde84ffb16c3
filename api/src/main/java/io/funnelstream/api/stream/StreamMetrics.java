package io.funnelstream.api.stream;

import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.stream.ScopeHub;
import io.funnelstream.engine.stream.StreamListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stream metrics: {@code funnelstream.stream.connections} (open now), {@code .events.sent} (by kind),
 * {@code .drops} (by reason: conflated, stalled, revoked), {@code .reconnects} (by source: ring, snapshot; per
 * minute is {@code rate(...[1m]) * 60}), {@code .updates} (computed once per scope), {@code .read.failures},
 * {@code .scopes} (hubs up) and {@code .feed.dropped} (change notices lost).
 */
public final class StreamMetrics implements StreamListener {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter updates;
    private final Counter readFailures;

    public StreamMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("funnelstream.stream.connections", open, AtomicInteger::get)
                .description("Open live stream connections").register(registry);
        this.updates = registry.counter("funnelstream.stream.updates");
        this.readFailures = registry.counter("funnelstream.stream.read.failures");
    }

    /** Gauges of what the hub and feed hold, registered once they exist. */
    public void watch(ScopeHub hub, RollupChangeFeed feed) {
        Gauge.builder("funnelstream.stream.scopes", hub, ScopeHub::activeScopes).register(registry);
        Gauge.builder("funnelstream.stream.feed.dropped", feed, RollupChangeFeed::dropped).register(registry);
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    int openConnections() {
        return open.get();
    }

    void sent(String kind) {
        registry.counter("funnelstream.stream.events.sent", "kind", kind).increment();
    }

    void dropped(String reason) {
        registry.counter("funnelstream.stream.drops", "reason", reason).increment();
    }

    @Override
    public void updateComputed() {
        updates.increment();
    }

    @Override
    public void readFailed(Throwable failure) {
        readFailures.increment();
    }

    @Override
    public void reconnected(boolean fromRing) {
        registry.counter("funnelstream.stream.reconnects", "source", fromRing ? "ring" : "snapshot").increment();
    }

    @Override
    public void conflated() {
        dropped("conflated");
    }

    @Override
    public void stalled() {
        dropped("stalled");
    }
}
