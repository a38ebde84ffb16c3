package io.funnelstream.benchmarks.webhook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The figures of one measured phase, for people and for scripts: a readable block, then one {@code RESULT} line of
 * {@code name=value} pairs that {@code webhooks.sh} turns into its table.
 */
record LoadReport(LoadOptions options, LoadStats stats, StopReason stop, Machine machine) {

    /**
     * What else the machine did meanwhile: on a small shared machine the generator takes cores from the service.
     *
     * @param generatorCpuSeconds CPU time this process spent during the measured phase
     * @param loadAverage the system load average (1 minute) at the end of the phase
     */
    record Machine(double generatorCpuSeconds, double loadAverage) {}

    boolean passed() {
        return stats.requests() > 0 && stats.unsuccessfulRatio() <= options.maxUnsuccessful();
    }

    double requestsPerSecond() {
        return stats.answers() / stats.seconds();
    }

    double eventsPerSecond() {
        return stats.eventsAcknowledged() / stats.seconds();
    }

    void print(PrintStream out) {
        Histogram latency = stats.latencyMicros();
        out.printf(Locale.ROOT, "  measured:   %,d requests in %.1f s (%s)%n",
                stats.requests(), stats.seconds(), stop.description());
        out.printf(Locale.ROOT, "  throughput: %,.0f requests/s, %,.0f events/s acknowledged (2xx), %.1f MB/s sent%n",
                requestsPerSecond(), eventsPerSecond(), stats.bytesSent() / stats.seconds() / 1e6);
        out.printf(Locale.ROOT, "  answers:    %s; failures without answer: %s%n",
                counts(stats.statusCounts()), stats.failures() == 0 ? "none" : counts(stats.failureCounts()));
        out.printf(Locale.ROOT, "  latency ms: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s%s%n",
                ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(90)),
                ms(latency.getValueAtPercentile(99)), ms(latency.getValueAtPercentile(99.9)),
                ms(latency.getMaxValue()), options.openLoop() ? " (from the intended send time)" : "");
        out.printf(Locale.ROOT, "  machine:    generator used %.1f CPU s (%.0f%% of one core), load average %.1f on %d "
                        + "cores%n", machine.generatorCpuSeconds(), 100 * machine.generatorCpuSeconds() / stats.seconds(),
                machine.loadAverage(), Runtime.getRuntime().availableProcessors());
        stats.samples().forEach(sample -> out.println("  e.g.:       " + sample.replaceAll("\\s+", " ")));
        out.printf(Locale.ROOT, "  verdict:    %s: %.3f%% not 2xx (limit %.3f%%)%n", passed() ? "PASS" : "FAIL",
                stats.unsuccessfulRatio() * 100, options.maxUnsuccessful() * 100);
        out.println(resultLine(latency));
    }

    String resultLine(Histogram latency) {
        return String.format(Locale.ROOT, "RESULT label=%s provider=%s mode=%s users=%d rate=%.0f requests=%d "
                        + "seconds=%.2f rps=%.1f eps=%.0f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s "
                        + "non2xx=%d failures=%d unsuccessful_pct=%.3f stop=%s generator_cpu_pct=%.0f load=%.1f pass=%s",
                options.label(), options.provider().slug(), options.openLoop() ? "open" : "closed",
                options.openLoop() ? 0 : options.users(), options.openLoop() ? options.rate() : 0, stats.requests(),
                stats.seconds(), requestsPerSecond(), eventsPerSecond(), ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(90)), ms(latency.getValueAtPercentile(99)),
                ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()),
                stats.answers() - stats.successes(), stats.failures(), stats.unsuccessfulRatio() * 100,
                stop.name().toLowerCase(Locale.ROOT), 100 * machine.generatorCpuSeconds() / stats.seconds(),
                machine.loadAverage(), passed());
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String counts(Map<?, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
