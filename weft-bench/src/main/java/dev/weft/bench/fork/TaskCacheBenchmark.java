package dev.weft.bench.fork;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerPoolConfig;
import dev.weft.workloads.Fib;
import java.util.concurrent.ForkJoinPool;
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
 * The per-worker task cache on and off, in one run: fib(n) with no cut-off through {@link CachedFib} on two weft
 * pools that differ only in {@code cachableTaskSize} (GTS's 512 bytes, and weft's default 0), against
 * ForkJoinPool's textbook {@code RecursiveTask} and plain recursion. The ratios to read: {@code cacheOff / cacheOn}
 * is what the cache saves, {@code forkJoinPool / cacheOn} is weft's throughput relative to ForkJoinPool,
 * {@code cacheOn / sequential} the spawn overhead. Both pools are built in setup, so each pool's idle workers sleep
 * while the other one is measured.
 * The measured variant's answer is checked in setup and on every invocation. Why the cache costs more than it saves
 * on HotSpot is in {@code WorkerPoolConfig}'s class comment.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TaskCacheBenchmark {

    /** The Fibonacci index. */
    @Param("30")
    public int n;

    /** The number of computing threads on each side. */
    @Param("2")
    public int workers;

    private WorkerPool cachedPool;
    private MicroScheduler cached;
    private WorkerPool uncachedPool;
    private MicroScheduler uncached;
    private ForkJoinPool forkJoin;
    private long expected;

    /**
     * Starts the pools and verifies the measured variant's answer before timing; only that variant runs here, so the
     * JIT's profile of the cache's branches is the measured variant's alone (see {@code FibBenchmark}).
     *
     * @param params the benchmark being run, whose method name picks the variant
     */
    @Setup
    public void setUp(final BenchmarkParams params) {
        cachedPool = WorkerPool.start(WorkerPoolConfig.builder("cache-on", workers)
                .cachableTaskSize(WorkerPoolConfig.GTS_CACHABLE_TASK_SIZE)
                .build());
        cached = MicroScheduler.start(cachedPool);
        uncachedPool = WorkerPool.start(WorkerPoolConfig.builder("cache-off", workers)
                .cachableTaskSize(0)
                .build());
        uncached = MicroScheduler.start(uncachedPool);
        forkJoin = new ForkJoinPool(workers);
        expected = Fib.sequential(n);
        final String benchmark = params.getBenchmark();
        final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        switch (method) {
            case "cacheOn" -> cacheOn();
            case "cacheOff" -> cacheOff();
            case "forkJoinPool" -> forkJoinPool();
            case "sequential" -> Pools.check("sequential", sequential(), expected);
            default -> throw new IllegalStateException("TaskCacheBenchmark has no variant " + method);
        }
    }

    /** Stops the pools. */
    @TearDown
    public void tearDown() {
        cachedPool.shutdown();
        uncachedPool.shutdown();
        forkJoin.close();
    }

    /**
     * weft with the task cache on.
     *
     * @return fib(n)
     */
    @Benchmark
    public long cacheOn() {
        final long value = CachedFib.compute(cached, n);
        Pools.check("weft, cache on", value, expected);
        return value;
    }

    /**
     * weft with the task cache off (every allocation is fresh).
     *
     * @return fib(n)
     */
    @Benchmark
    public long cacheOff() {
        final long value = CachedFib.compute(uncached, n);
        Pools.check("weft, cache off", value, expected);
        return value;
    }

    /**
     * The anchor: ForkJoinPool.
     *
     * @return fib(n)
     */
    @Benchmark
    public long forkJoinPool() {
        final long value = Fib.forkJoinPool(forkJoin, n);
        Pools.check("ForkJoinPool", value, expected);
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
