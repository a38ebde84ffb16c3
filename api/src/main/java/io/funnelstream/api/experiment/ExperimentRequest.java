package io.funnelstream.api.experiment;

import io.funnelstream.engine.experiment.ExperimentDesign;
import io.funnelstream.engine.experiment.Metric;
import io.funnelstream.engine.experiment.Variant;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The body that creates an experiment; every field but the distribution, name, variants, metric, minimum detectable
 * effect and maximum sample has a default.
 */
record ExperimentRequest(
        @Nullable UUID distributionId,
        @Nullable String name,
        @Nullable List<VariantRequest> variants,
        @Nullable String metric,
        @Nullable Double alpha,
        @Nullable Double power,
        @Nullable Double minimumDetectableEffect,
        @Nullable Long maxSamplePerArm,
        @Nullable Double testShare,
        @Nullable String deadline) {

    /** One variant: a key, its weight and what it changes. */
    record VariantRequest(@Nullable String key, @Nullable Double weight, @Nullable Map<String, String> settings) {}

    /** The design, or the list of what is wrong with the request (never both). */
    record Checked(@Nullable ExperimentDesign design, List<String> problems) {}

    Checked check() {
        List<String> problems = new ArrayList<>();
        if (distributionId == null) {
            problems.add("distributionId is required");
        }
        Metric parsedMetric = metric == null ? null : Metric.fromSlug(metric).orElse(null);
        if (parsedMetric == null) {
            problems.add("metric must be one of delivery, view, start, response; got " + metric);
        }
        Instant parsedDeadline = null;
        try {
            parsedDeadline = deadline == null ? null : Instant.parse(deadline);
        } catch (DateTimeParseException e) {
            problems.add("deadline must be an ISO-8601 instant, got " + deadline);
        }
        List<Variant> parsedVariants = new ArrayList<>();
        for (VariantRequest v : Objects.requireNonNullElse(variants, List.<VariantRequest>of())) {
            if (v == null || v.key() == null || v.weight() == null) {
                problems.add("every variant needs a key and a weight");
                continue;
            }
            parsedVariants.add(new Variant(v.key(), v.weight(), Objects.requireNonNullElse(v.settings(), Map.of())));
        }
        if (!problems.isEmpty() || distributionId == null || parsedMetric == null) {
            return new Checked(null, problems);
        }
        ExperimentDesign design = new ExperimentDesign(distributionId, Objects.requireNonNullElse(name, ""),
                parsedVariants, parsedMetric,
                Objects.requireNonNullElse(alpha, ExperimentDesign.DEFAULT_ALPHA),
                Objects.requireNonNullElse(power, ExperimentDesign.DEFAULT_POWER),
                Objects.requireNonNullElse(minimumDetectableEffect, 0.0),
                Objects.requireNonNullElse(maxSamplePerArm, 0L),
                Objects.requireNonNullElse(testShare, 1.0),
                parsedDeadline);
        List<String> designProblems = design.problems();
        return designProblems.isEmpty() ? new Checked(design, List.of()) : new Checked(null, designProblems);
    }
}
