package io.funnelstream.api.config;

import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's counters and gauges, read from {@link PipelineStats} when scraped:
 * {@code funnelstream.pipeline.*} (records, events applied / duplicate / pending / claimed, messages created,
 * dead letters, windows applied / skipped / deferred, restarts, fenced batches; lag, outbox backlog, store health).
 */
final class PipelineMetrics implements MeterBinder {

    private static final String PREFIX = "funnelstream.pipeline.";

    private final PipelineStats stats;
    private final RollupApplier applier;

    PipelineMetrics(PipelineStats stats, RollupApplier applier) {
        this.stats = stats;
        this.applier = applier;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "records", "log records committed", PipelineStats::records);
        counter(registry, "events.applied", "events applied to their message", PipelineStats::eventsApplied);
        counter(registry, "events.duplicate", "events skipped as already stored", PipelineStats::duplicateEvents);
        counter(registry, "events.pending", "events stored waiting for their message", PipelineStats::pendingEvents);
        counter(registry, "events.claimed", "pending events applied when their message appeared",
                PipelineStats::claimedEvents);
        counter(registry, "messages.created", "messages created", PipelineStats::messagesCreated);
        counter(registry, "dead.letters", "records kept aside unapplied", PipelineStats::deadLettered);
        counter(registry, "windows.applied", "tenant windows applied to the rollup store",
                PipelineStats::windowsApplied);
        counter(registry, "windows.skipped", "tenant windows the store had already", PipelineStats::windowsSkipped);
        counter(registry, "windows.deferred", "tenant windows left to the outbox sweep",
                PipelineStats::windowsDeferred);
        counter(registry, "restarts", "resumptions from the stored positions after a failure",
                PipelineStats::restarts);
        counter(registry, "fenced", "batches rolled back because another consumer went past them",
                PipelineStats::fencedBatches);
        gauge(registry, "lag", "log records not committed yet", s -> s.lag());
        gauge(registry, "outbox.backlog", "outbox rows waiting for the store", s -> s.outboxBacklog());
        Gauge.builder(PREFIX + "store.healthy", applier, a -> a.storeHealthy() ? 1 : 0)
                .description("1 when the rollup store takes windows, 0 while they wait in the outbox")
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<PipelineStats> f) {
        FunctionCounter.builder(PREFIX + name, stats, f).description(description).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<PipelineStats> f) {
        Gauge.builder(PREFIX + name, stats, f).description(description).register(registry);
    }
}
