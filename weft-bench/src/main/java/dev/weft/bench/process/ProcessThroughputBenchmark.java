package dev.weft.bench.process;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of trivial tasks: batches of {@value #BATCH} submitted at once and drained by a run thread spinning on
 * {@code run()} or sleeping in {@code awaitWork()}, with 1 or 2 warm workers; the anchor is the same tasks run inline
 * (zero workers, Pantavisor's "main loop" mode), which has no IPC at all. Target: at least 5,000 tasks/s with 2
 * workers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProcessThroughputBenchmark {

    /** Tasks per benchmark call. */
    public static final int BATCH = 200;

    /** Worker processes: 0 is the inline anchor. */
    @Param({"0", "1", "2"})
    public int workers;

    /**
     * How the run thread waits: {@code spin} calls {@code run()} in a busy loop (a reactor in poll mode, which takes
     * a core of its own), {@code sleep} sleeps in {@code awaitWork()} until a result arrives (leaving the cores to
     * the workers).
     */
    @Param({"spin", "sleep"})
    public String driver;

    private ProcessBenchSupport.Loop loop;

    /** Creates the benchmark state (JMH does). */
    public ProcessThroughputBenchmark() {}

    /**
     * Starts the workers and checks a batch gives the right answer.
     *
     * @throws InterruptedException never in practice
     */
    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        loop = new ProcessBenchSupport.Loop(workers);
        loop.batch(BATCH, "sleep".equals(driver));
    }

    /** Stops the workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.stop();
    }

    /**
     * Runs one batch of trivial tasks to their outcomes.
     *
     * @throws InterruptedException never in practice
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tasks() throws InterruptedException {
        loop.batch(BATCH, "sleep".equals(driver));
    }
}
