package io.funnelstream.benchmarks.analytics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;

/**
 * Times a call over and over, one at a time, after a warm-up; reports wall-clock milliseconds, and the CPU time of
 * the calling thread (all of the work for the in-memory store, only the caller's share for Redis).
 */
final class Latencies {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** p50, p99 and max of one query, in milliseconds, and the caller's median CPU time. */
    record Result(String name, int samples, double p50, double p99, double max, double cpuP50) {

        String row() {
            return String.format("| %s | %d | %.2f | %.2f | %.2f | %.2f |", name, samples, p50, p99, max, cpuP50);
        }
    }

    private Latencies() {}

    static String header() {
        return "| query | samples | p50 ms | p99 ms | max ms | caller CPU p50 ms |\n|---|---|---|---|---|---|";
    }

    static Result measure(String name, int warmUp, int samples, Callable<?> call) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            call.call();
        }
        Histogram wall = new Histogram(3_600_000_000L, 3);
        Histogram cpu = new Histogram(3_600_000_000L, 3);
        for (int i = 0; i < samples; i++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            call.call();
            wall.recordValue((System.nanoTime() - start) / 1_000);
            cpu.recordValue(Math.max(0, THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000);
        }
        Result result = new Result(name, samples, wall.getValueAtPercentile(50) / 1e3,
                wall.getValueAtPercentile(99) / 1e3, wall.getMaxValue() / 1e3, cpu.getValueAtPercentile(50) / 1e3);
        System.out.println(result.row());
        return result;
    }
}
