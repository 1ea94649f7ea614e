package dev.weft.bench.fork;

import dev.weft.workloads.ParFor;
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
 * A parallel-for of {@code size} indices split by halving down to {@code grain}, on weft's
 * {@code MicroScheduler.parallelFor} and on an equivalent ForkJoinPool {@code RecursiveAction}; the array's checksum is
 * verified in setup and after every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParallelForBenchmark {

    /** The number of indices. */
    @Param("1048576")
    public int size;

    /** The largest piece run without splitting. */
    @Param("1024")
    public int grain;

    /** The number of computing threads on each side. */
    @Param("2")
    public int workers;

    private Pools pools;
    private ParFor loop;
    private double expected;

    /** Starts the pools and verifies both sides before timing. */
    @Setup
    public void setUp() {
        pools = new Pools(workers);
        loop = new ParFor(size, grain);
        expected = loop.expectedChecksum();
        loop.runWeft(pools.scheduler);
        verify("weft");
        loop.runForkJoin(pools.forkJoin);
        verify("ForkJoinPool");
    }

    private void verify(final String what) {
        final double sum = loop.checksum();
        if (sum != expected) {
            throw new IllegalStateException(what + " parallel-for left checksum " + sum + ", expected " + expected);
        }
    }

    /** Stops the pools. */
    @TearDown
    public void tearDown() {
        pools.close();
    }

    /** weft. */
    @Benchmark
    public void weft() {
        loop.runWeft(pools.scheduler);
        verify("weft");
    }

    /** The anchor: ForkJoinPool. */
    @Benchmark
    public void forkJoinPool() {
        loop.runForkJoin(pools.forkJoin);
        verify("ForkJoinPool");
    }
}
