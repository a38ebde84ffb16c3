package io.funnelstream.api.stream;

import io.funnelstream.engine.port.RollupChangeFeed;
import io.funnelstream.engine.stream.ScopeHub;
import io.funnelstream.engine.stream.StreamListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Stream metrics: {@code funnelstream.stream.connections} (open now), {@code .events.sent} (by kind: snapshot,
 * delta, alert, heartbeat), {@code .drops} (by reason: conflated, stalled, revoked), {@code .reconnects} (by source:
 * ring, snapshot), {@code .reconnects.per.minute} and {@code .drops.per.minute} (gauges over the trailing minute, for
 * dashboards without a query language; with one, {@code rate(...[1m]) * 60} of the counters), {@code .updates}
 * (computed once per scope), {@code .read.failures}, {@code .scopes} (hubs up) and {@code .feed.dropped} (change
 * notices lost).
 */
public final class StreamMetrics implements StreamListener {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter updates;
    private final Counter readFailures;
    private final TrailingMinute reconnectsLastMinute;
    private final TrailingMinute dropsLastMinute;

    public StreamMetrics(MeterRegistry registry) {
        this(registry, () -> System.currentTimeMillis() / 1_000);
    }

    StreamMetrics(MeterRegistry registry, LongSupplier epochSeconds) {
        this.registry = registry;
        this.reconnectsLastMinute = new TrailingMinute(epochSeconds);
        this.dropsLastMinute = new TrailingMinute(epochSeconds);
        Gauge.builder("funnelstream.stream.reconnects.per.minute", reconnectsLastMinute, TrailingMinute::sum)
                .description("Live stream reconnects (Last-Event-ID) in the trailing minute").register(registry);
        Gauge.builder("funnelstream.stream.drops.per.minute", dropsLastMinute, TrailingMinute::sum)
                .description("Live stream drops (conflated, stalled, revoked) in the trailing minute")
                .register(registry);
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
        dropsLastMinute.increment();
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
        reconnectsLastMinute.increment();
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
