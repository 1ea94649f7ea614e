package dev.weft.bench.fork;

import dev.weft.workloads.Uts;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Unbalanced Tree Search T1 (GEO, 4.1 M nodes, depth 10) and T3 (BIN, 4.1 M nodes, depth 1572), one task per node, on
 * weft and on ForkJoinPool; {@code -p tree=T1L,T3L} runs the large trees (102 M nodes, depth 13; 111 M nodes, depth
 * 17,844), whose ForkJoinPool side recurses once per level and so needs a larger stack on both sides
 * ({@code -jvmArgsAppend -Xss256m}, which every thread of both sides then gets). The published counts are checked in
 * setup and on every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UtsBenchmark {

    /** The tree: T1 or T3 (or T1L, T3L). */
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
        switch (tree) {
            case "T1" -> {
                uts = new Uts(UtsParams.T1);
                expected = UtsResult.T1;
            }
            case "T3" -> {
                uts = new Uts(UtsParams.T3);
                expected = UtsResult.T3;
            }
            case "T1L" -> {
                uts = new Uts(UtsParams.T1L);
                expected = UtsResult.T1L;
            }
            case "T3L" -> {
                uts = new Uts(UtsParams.T3L);
                expected = UtsResult.T3L;
            }
            default -> throw new IllegalArgumentException("tree " + tree + " is not one of T1, T3, T1L, T3L");
        }
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

    /**
     * The work itself: one thread, depth first with an explicit stack, no scheduler. Its time over the number of
     * workers is what a perfect scheduler would take.
     *
     * @return the counts
     */
    @Benchmark
    public UtsResult sequential() {
        return expected.verify("sequential " + tree, uts.countSequential());
    }
}
