package io.funnelstream.benchmarks.rollup;

import io.funnelstream.engine.rollup.Change;
import io.funnelstream.engine.rollup.RollupDelta;
import io.funnelstream.engine.rollup.RollupWindows;
import io.funnelstream.engine.rollup.Window;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turning changes into a window's merged delta (every change into 5 scopes x 3 bucket sizes), reported per
 * change, and merging two window deltas.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class RollupDeltaBenchmark {

    static final int WINDOW = 5_000;

    /** Seconds the events spread over: 60 for a live stream, 7200 for late opens and a backlog. */
    @Param({"60", "7200"})
    public int spreadSeconds;

    private List<Change> changes;
    private RollupDelta first;
    private RollupDelta second;

    @Setup(Level.Trial)
    public void generate() {
        SyntheticChanges source = new SyntheticChanges(42, 4, Instant.parse("2026-11-02T09:00:00Z"), spreadSeconds);
        changes = source.next(WINDOW, "events-0", 0);
        first = RollupWindows.window(changes).delta();
        second = RollupWindows.window(source.next(WINDOW, "events-0", WINDOW)).delta();
    }

    /** Delta computation and merging for a full window: the score is changes per second. */
    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public Window windowOfChanges() {
        return RollupWindows.window(changes);
    }

    /** Merging two window deltas: the score is merges per second. */
    @Benchmark
    public RollupDelta mergeWindowDeltas() {
        return first.plus(second);
    }
}
