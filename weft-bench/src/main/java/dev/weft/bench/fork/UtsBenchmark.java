package dev.weft.bench.fork;

import dev.weft.workloads.Uts;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Unbalanced Tree Search T1 (GEO, 4.1 M nodes, depth 10) and T3 (BIN, 4.1 M nodes, depth 1572), one task per node, on
 * weft and on ForkJoinPool. Both trees' published counts are checked in setup and on every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UtsBenchmark {

    /** The tree: T1 or T3. */
    @Param({"T1", "T3"})
    public String tree;

    /** The number of computing threads on each side. */
    @Param("2")
    public int workers;

    private Pools pools;
    private Uts uts;
    private UtsResult expected;

    /** Starts the pools and verifies both sides' counts before timing. */
    @Setup
    public void setUp() {
        pools = new Pools(workers);
        uts = new Uts("T1".equals(tree) ? UtsParams.T1 : UtsParams.T3);
        expected = "T1".equals(tree) ? UtsResult.T1 : UtsResult.T3;
        expected.verify("weft " + tree, uts.countWeft(pools.scheduler));
        expected.verify("ForkJoinPool " + tree, uts.countForkJoin(pools.forkJoin));
    }

    /** Stops the pools. */
    @TearDown
    public void tearDown() {
        pools.close();
    }

    /**
     * weft.
     *
     * @return the counts
     */
    @Benchmark
    public UtsResult weft() {
        return expected.verify("weft " + tree, uts.countWeft(pools.scheduler));
    }

    /**
     * The anchor: ForkJoinPool.
     *
     * @return the counts
     */
    @Benchmark
    public UtsResult forkJoinPool() {
        return expected.verify("ForkJoinPool " + tree, uts.countForkJoin(pools.forkJoin));
    }
}
