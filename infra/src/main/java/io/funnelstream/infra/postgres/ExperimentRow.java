package io.funnelstream.infra.postgres;

import static io.funnelstream.infra.postgres.Sql.required;

import io.funnelstream.engine.experiment.Experiment;
import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.ExperimentStatus;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Variant;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of {@code ab_experiments}, read before its variants. */
record ExperimentRow(
        UUID id,
        UUID distribution,
        String name,
        ExperimentStatus status,
        Metric metric,
        double alpha,
        double power,
        double effect,
        long maxSample,
        double testShare,
        @Nullable Instant deadline,
        @Nullable String winner,
        @Nullable String winnerReason,
        Instant createdAt) {

    static ExperimentRow of(Readable row) {
        return new ExperimentRow(
                required(row, "id", UUID.class),
                required(row, "distribution_id", UUID.class),
                required(row, "name", String.class),
                ExperimentStatus.fromSlug(required(row, "status", String.class)),
                Metric.fromSlug(required(row, "metric", String.class)).orElseThrow(),
                required(row, "alpha", Double.class),
                required(row, "power", Double.class),
                required(row, "min_detectable_effect", Double.class),
                required(row, "max_sample_per_arm", Long.class),
                required(row, "test_share", Double.class),
                row.get("deadline", Instant.class),
                row.get("winner_variant", String.class),
                row.get("winner_reason", String.class),
                required(row, "created_at", Instant.class));
    }

    Experiment toExperiment(List<Variant> variants) {
        ExperimentDesign design = new ExperimentDesign(
                distribution, name, variants, metric, alpha, power, effect, maxSample, testShare, deadline);
        return new Experiment(id, design, status, winner, winnerReason, createdAt);
    }
}
