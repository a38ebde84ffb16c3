package io.funnelstream.benchmarks.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (the pipeline and, with {@code log=kafka}, the in-process broker), by PostgreSQL's
 * processes and by Redis, read from {@code /proc} on Linux. On a machine where several runs swing by a third in
 * wall time, the CPU a record costs is the steadier figure to compare code by. Elsewhere only the JVM is counted.
 */
final class CpuUse {

    /** Linux's USER_HZ: {@code /proc/<pid>/stat} counts CPU time in hundredths of a second. */
    private static final double TICK_NANOS = 1e7;

    private final Map<String, Long> nanos;
    private final long[] machineTicks;

    private CpuUse(Map<String, Long> nanos, long[] machineTicks) {
        this.nanos = nanos;
        this.machineTicks = machineTicks;
    }

    static CpuUse now() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("jvm", jvmNanos());
        out.put("postgres", commandNanos("postgres"));
        out.put("redis", commandNanos("redis-server"));
        return new CpuUse(out, machineTicks());
    }

    /** What each part used since {@code before}, per record, as {@code jvm 41 us, postgres 28 us, ...}. */
    String perRecordSince(CpuUse before, long records) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            long used = e.getValue() - before.nanos.getOrDefault(e.getKey(), 0L);
            total += used;
            out.append(e.getKey()).append(' ').append(Math.round(used / 1e3 / records)).append(" us, ");
        }
        out.append("total ").append(Math.round(total / 1e3 / records)).append(" us");
        long all = machineTicks[0] - before.machineTicks[0];
        if (all > 0) {
            out.append("; machine: ").append(Math.round(100.0 * (machineTicks[1] - before.machineTicks[1]) / all))
                    .append("% idle, ").append(Math.round(100.0 * (machineTicks[2] - before.machineTicks[2]) / all))
                    .append("% stolen by the hypervisor");
        }
        return out.toString();
    }

    /**
     * All, idle and stolen ticks of the machine's CPUs from the first line of {@code /proc/stat} (user, nice,
     * system, idle, iowait, irq, softirq, steal, ...); zeros where it is not there. Steal is the time a virtual
     * machine's CPUs waited for the host: a run that lost much of it measured a slower machine.
     */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long all = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {all, Long.parseLong(f[4]) + Long.parseLong(f[5]), Long.parseLong(f[8])};
        } catch (IOException | RuntimeException e) {
            return new long[3];
        }
    }

    private static long jvmNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime();
    }

    /** User and system time of the live processes whose command is {@code comm}; 0 where /proc is not there. */
    private static long commandNanos(String comm) {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> pids = Files.list(proc)) {
            for (Path pid : pids.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                ticks += ticksIfCommand(pid.resolve("stat"), comm);
            }
        } catch (IOException e) {
            return 0;
        }
        return Math.round(ticks * TICK_NANOS);
    }

    /** Fields 14 and 15 of {@code stat} (utime, stime), after the command in parentheses. */
    private static long ticksIfCommand(Path stat, String comm) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the process ended since the listing
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || !line.substring(open + 1, close).equals(comm)) {
            return 0;
        }
        String[] fields = line.substring(close + 2).split(" ");
        // fields[0] is the state (field 3), so utime (field 14) is fields[11] and stime fields[12].
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
