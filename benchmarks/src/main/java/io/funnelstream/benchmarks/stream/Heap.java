package io.funnelstream.benchmarks.stream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's heap, asked of its JVM with {@code jcmd}: a full GC first, then the heap in use. */
final class Heap {

    private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");

    private final String jcmd;
    private final long pid;

    Heap(String jcmd, long pid) {
        this.jcmd = jcmd;
        this.pid = pid;
    }

    /** MiB in use after a full GC, or -1 when it cannot be read. */
    long afterGcMiB() {
        run("GC.run");
        return usedMiB(run("GC.heap_info"));
    }

    static long usedMiB(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        if (!m.find()) {
            return -1;
        }
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "K" -> value / 1024;
            case "G" -> value * 1024;
            default -> value;
        };
    }

    private String run(String command) {
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
