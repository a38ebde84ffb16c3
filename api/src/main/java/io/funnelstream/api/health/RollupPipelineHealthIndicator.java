package io.funnelstream.api.health;

import io.funnelstream.engine.pipeline.PipelineStats;
import io.funnelstream.engine.pipeline.RollupApplier;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * The rollup pipeline: UP while it runs, DOWN once stopped, UNKNOWN before it started. A failing rollup store does
 * not make it DOWN (ingestion goes on and analytics answer from Postgres): the details say so, with the lag, the
 * outbox backlog and when a batch was last committed and a window last applied.
 */
public final class RollupPipelineHealthIndicator implements ReactiveHealthIndicator {

    private final BooleanSupplier running;
    private final PipelineStats stats;
    private final RollupApplier applier;
    private volatile boolean started;

    public RollupPipelineHealthIndicator(BooleanSupplier running, PipelineStats stats, RollupApplier applier) {
        this.running = running;
        this.stats = stats;
        this.applier = applier;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> {
            boolean up = running.getAsBoolean();
            started |= up;
            Health.Builder health = up ? Health.up() : started ? Health.down() : Health.unknown();
            return health
                    .withDetail("rollupStore", !applier.checked() ? "checking against Postgres"
                            : applier.storeHealthy() ? "current" : "failing: windows wait in the outbox")
                    .withDetail("lagRecords", stats.lag())
                    .withDetail("outboxBacklog", stats.outboxBacklog())
                    .withDetail("lastCommittedAt", String.valueOf(stats.lastCommittedAt()))
                    .withDetail("lastAppliedAt", String.valueOf(stats.lastAppliedAt()))
                    .withDetail("recordsCommitted", stats.records())
                    .withDetail("deadLetters", stats.deadLettered())
                    .withDetail("tenantsRebuilding", applier.rebuilding().size())
                    .build();
        });
    }
}
