package io.funnelstream.benchmarks.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;

/**
 * The steady SSE clients: each reads its stream line by line and notes, per round, when it first saw the
 * {@code stage.delivered} count of that round (the count rises by one per round). Nothing is kept per event.
 */
final class SseClients {

    private static final String COUNTER = "\"stage.delivered\":";

    private final HttpClient http;
    private final int size;
    private final int rounds;
    private final AtomicLongArray arrivals;
    private final AtomicIntegerArray reached;
    private final long[] seen;
    private final Disposable[] connections;
    final AtomicInteger snapshots = new AtomicInteger();
    final LongAdder errors = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder events = new LongAdder();
    volatile long baseline = -1;

    SseClients(HttpClient http, int size, int rounds) {
        this.http = http;
        this.size = size;
        this.rounds = rounds;
        this.arrivals = new AtomicLongArray((rounds + 1) * size);
        this.reached = new AtomicIntegerArray(rounds + 1);
        this.seen = new long[size];
        java.util.Arrays.fill(seen, -1);
        this.connections = new Disposable[size];
    }

    static String path(String token) {
        return "/api/analytics/stream?scope=overview&token=" + token;
    }

    /** Opens client {@code i}. */
    void open(int i, String token) {
        StringBuilder rest = new StringBuilder();
        connections[i] = http.get().uri(path(token))
                .responseContent().asString(StandardCharsets.UTF_8)
                .subscribe(chunk -> {
                    rest.append(chunk);
                    int nl;
                    while ((nl = rest.indexOf("\n")) >= 0) {
                        if (rest.length() > 5 && rest.charAt(0) == 'd' && rest.indexOf("data:") == 0) {
                            line(i, rest, nl);
                        }
                        rest.delete(0, nl + 1);
                    }
                }, error -> errors.increment(), completed::increment);
    }

    private void line(int i, CharSequence text, int end) {
        events.increment();
        String line = text.subSequence(0, end).toString();
        int at = line.indexOf(COUNTER);
        long value = 0;
        if (at >= 0) {
            int p = at + COUNTER.length();
            value = 0;
            while (p < line.length() && Character.isDigit(line.charAt(p))) {
                value = value * 10 + (line.charAt(p++) - '0');
            }
        }
        long now = System.nanoTime();
        // One connection's lines arrive on one thread, one after another.
        {
            long before = seen[i];
            if (before < 0) {
                seen[i] = value;
                if (baseline < 0) {
                    baseline = value;
                }
                snapshots.incrementAndGet();
                return;
            }
            if (value <= before) {
                return;
            }
            seen[i] = value;
            for (long v = before + 1; v <= value; v++) {
                int round = (int) (v - baseline);
                if (round >= 1 && round <= rounds) {
                    arrivals.set(round * size + i, now);
                    reached.incrementAndGet(round);
                }
            }
        }
    }

    /** How many clients saw round {@code round}'s count. */
    int reached(int round) {
        return reached.get(round);
    }

    /** When client {@code i} saw the round's count (System.nanoTime), 0 if it did not. */
    long arrival(int round, int i) {
        return arrivals.get(round * size + i);
    }

    int size() {
        return size;
    }

    void closeAll() {
        for (Disposable d : connections) {
            if (d != null) {
                d.dispose();
            }
        }
    }
}
