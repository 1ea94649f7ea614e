package dev.weft.bench.fork;

import dev.weft.workloads.Fib;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * fib(n) with no cut-off, one task per call: spawn overhead of weft (GTS-style continuations and bypass, and the
 * fork/join layer) against ForkJoinPool's textbook {@code RecursiveTask}, and against plain recursion for the
 * overhead ratio ({@code -p workers=1} gives the single-worker overhead). The {@code OnDemand} methods are the
 * demand-driven (lazy) variants, which make a task only while another worker is hungry: a different algorithm with
 * far fewer tasks, measured beside the always-spawn rows, never instead of them. Every answer is checked: the
 * measured variant's once in setup, and on every invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FibBenchmark {

    /** The Fibonacci index. */
    @Param("30")
    public int n;

    /** The number of computing threads on each side. */
    @Param("2")
    public int workers;

    private Pools pools;
    private long expected;

    /**
     * Starts the pools and verifies the measured variant's answer before timing. Only that variant runs here: running
     * every variant would teach the JIT five task classes at weft's shared call sites (the execute loop, the fork
     * layer's function call) while ForkJoinPool's fork sees one, a handicap of the setup rather than of either
     * scheduler; each variant is measured in a JVM of its own, as JMH's forks intend.
     *
     * @param params the benchmark being run, whose method name picks the variant
     */
    @Setup
    public void setUp(final BenchmarkParams params) {
        final String benchmark = params.getBenchmark();
        final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        pools = "weftForkJoinThreePriorities".equals(method) ? new Pools(workers, 3) : new Pools(workers);
        expected = Fib.sequential(n);
        switch (method) {
            case "weftContinuations" -> weftContinuations();
            case "weftContinuationsWithoutReuse" -> weftContinuationsWithoutReuse();
            case "weftForkJoin" -> weftForkJoin();
            case "weftForkJoinLong" -> weftForkJoinLong();
            case "weftForkJoinThreePriorities" -> weftForkJoinThreePriorities();
            case "weftForkJoinOnDemand" -> weftForkJoinOnDemand();
            case "weftForkJoinOnDemandLong" -> weftForkJoinOnDemandLong();
            case "weftOnDemand" -> weftOnDemand();
            case "forkJoinPool" -> forkJoinPool();
            case "forkJoinPoolOnSurplus" -> forkJoinPoolOnSurplus();
            case "sequential" -> Pools.check("sequential", sequential(), expected);
            default -> throw new IllegalStateException("FibBenchmark has no variant " + method);
        }
    }

    /** Stops the pools. */
    @TearDown
    public void tearDown() {
        pools.close();
    }

    /**
     * weft, GTS style.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftContinuations() {
        final long value = Fib.weftContinuations(pools.scheduler, n);
        Pools.check("weft continuations", value, expected);
        return value;
    }

    /**
     * weft, GTS style, without task reuse (two fresh children per call): what recycling saves.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftContinuationsWithoutReuse() {
        final long value = Fib.weftContinuationsWithoutReuse(pools.scheduler, n);
        Pools.check("weft continuations without reuse", value, expected);
        return value;
    }

    /**
     * weft's fork/join layer.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftForkJoin() {
        final long value = Fib.weftForkJoin(pools.scheduler, n);
        Pools.check("weft fork/join", value, expected);
        return value;
    }

    /**
     * weft's fork/join layer through the primitive {@code fork(LongForkFunction, long)}: a static method reference
     * and a {@code long} argument, one task per fork and no lambda.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftForkJoinLong() {
        final long value = Fib.weftForkJoinLong(pools.scheduler, n);
        Pools.check("weft fork/join, long form", value, expected);
        return value;
    }

    /**
     * weft's fork/join layer on a scheduler with three priorities of which only 0 is used: what unused priorities
     * cost the fast path.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftForkJoinThreePriorities() {
        final long value = Fib.weftForkJoin(pools.scheduler, n);
        Pools.check("weft fork/join, three priorities", value, expected);
        return value;
    }

    /**
     * weft's fork/join layer with {@code forkOnDemand}: a task only while another worker is hungry.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftForkJoinOnDemand() {
        final long value = Fib.weftForkJoinOnDemand(pools.scheduler, n);
        Pools.check("weft fork/join on demand", value, expected);
        return value;
    }

    /**
     * weft's fork/join layer with the primitive {@code forkOnDemand(LongForkFunction, long)}: a static method
     * reference and a {@code long} argument, so a call that runs inline allocates nothing.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftForkJoinOnDemandLong() {
        final long value = Fib.weftForkJoinOnDemandLong(pools.scheduler, n);
        Pools.check("weft fork/join on demand, long", value, expected);
        return value;
    }

    /**
     * Demand-driven splitting written out: fork while {@code hasDemand()}, plain recursion otherwise.
     *
     * @return fib(n)
     */
    @Benchmark
    public long weftOnDemand() {
        final long value = Fib.weftOnDemand(pools.scheduler, n);
        Pools.check("weft on demand", value, expected);
        return value;
    }

    /**
     * The anchor: ForkJoinPool.
     *
     * @return fib(n)
     */
    @Benchmark
    public long forkJoinPool() {
        final long value = Fib.forkJoinPool(pools.forkJoin, n);
        Pools.check("ForkJoinPool", value, expected);
        return value;
    }

    /**
     * ForkJoinPool's own demand idiom, the anchor of the demand-driven variants.
     *
     * @return fib(n)
     */
    @Benchmark
    public long forkJoinPoolOnSurplus() {
        final long value = Fib.forkJoinPoolOnSurplus(pools.forkJoin, n);
        Pools.check("ForkJoinPool on surplus", value, expected);
        return value;
    }

    /**
     * Plain recursion on one thread, the baseline of the overhead ratio.
     *
     * @return fib(n)
     */
    @Benchmark
    public long sequential() {
        return Fib.sequential(n);
    }
}
