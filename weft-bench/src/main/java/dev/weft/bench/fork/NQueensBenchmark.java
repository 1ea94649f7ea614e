package dev.weft.bench.fork;

import dev.weft.workloads.NQueens;
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
 * N-Queens(n), one task per partial board down to row {@code cutoff}, on weft (its fork/join layer and GTS-style
 * continuations) and on ForkJoinPool; the solution count
 * (OEIS A000170) is checked in setup and on every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NQueensBenchmark {

    /** The board size. */
    @Param("12")
    public int n;

    /** The first row searched sequentially inside a task. */
    @Param("8")
    public int cutoff;

    /** The number of computing threads on each side. */
    @Param("2")
    public int workers;

    private Pools pools;
    private NQueens queens;

    /** Starts the pools and verifies both sides' answers before timing. */
    @Setup
    public void setUp() {
        pools = new Pools(workers);
        queens = new NQueens(n, cutoff);
        Pools.check("weft N-Queens", queens.countWeft(pools.scheduler), queens.expected());
        Pools.check("weft N-Queens, continuations", queens.countWeftContinuations(pools.scheduler), queens.expected());
        Pools.check("ForkJoinPool N-Queens", queens.countForkJoin(pools.forkJoin), queens.expected());
    }

    /** Stops the pools. */
    @TearDown
    public void tearDown() {
        pools.close();
    }

    /**
     * weft's fork/join layer, the same shape as the anchor's: fork all children but the last, count the last, join.
     *
     * @return the number of solutions
     */
    @Benchmark
    public long weft() {
        final long count = queens.countWeft(pools.scheduler);
        Pools.check("weft N-Queens", count, queens.expected());
        return count;
    }

    /**
     * weft GTS style: a continuation counts each board's children and no worker ever waits.
     *
     * @return the number of solutions
     */
    @Benchmark
    public long weftContinuations() {
        final long count = queens.countWeftContinuations(pools.scheduler);
        Pools.check("weft N-Queens, continuations", count, queens.expected());
        return count;
    }

    /**
     * The anchor: ForkJoinPool.
     *
     * @return the number of solutions
     */
    @Benchmark
    public long forkJoinPool() {
        final long count = queens.countForkJoin(pools.forkJoin);
        Pools.check("ForkJoinPool N-Queens", count, queens.expected());
        return count;
    }

    /**
     * The work itself: plain recursion on one thread, no scheduler. Its time over the number of workers is what a
     * perfect scheduler would take.
     *
     * @return the number of solutions
     */
    @Benchmark
    public long sequential() {
        final long count = queens.countSequential();
        Pools.check("sequential N-Queens", count, queens.expected());
        return count;
    }
}
