package dev.weft.bench.process;

import dev.weft.process.Outcome;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round trip of a trivial task (the process scheduler's hot path): submit, dispatch to a warm worker JVM, JSON both
 * ways, result handler, with the run thread spinning on {@code run()}; against the anchors a user would pick instead: a
 * fresh {@code java} process per task, and fork/exec of {@code /bin/true} (the floor of any per-task process).
 * Sample-time mode reports p50 and p99; every benchmark checks its answer first in setup and again on every call.
 * Target: warm p50 at most 300 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProcessRoundTripBenchmark {

    private ProcessBenchSupport.Loop loop;

    /** Creates the benchmark state (JMH does). */
    public ProcessRoundTripBenchmark() {}

    /**
     * Starts one warm worker and checks all three ways give the right answer.
     *
     * @throws IOException if a process cannot start
     * @throws InterruptedException never in practice
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        loop = new ProcessBenchSupport.Loop(1);
        loop.roundTrip();
        ProcessBenchSupport.freshJava();
        ProcessBenchSupport.binTrue();
    }

    /** Stops the worker. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.stop();
    }

    /**
     * One trivial task on a warm worker.
     *
     * @return the outcome
     */
    @Benchmark
    public Outcome warmWorker() {
        return loop.roundTrip();
    }

    /**
     * One trivial task in a fresh JVM (the anchor).
     *
     * @throws IOException if the JVM cannot start
     * @throws InterruptedException never in practice
     */
    @Benchmark
    public void freshJava() throws IOException, InterruptedException {
        ProcessBenchSupport.freshJava();
    }

    /**
     * Fork/exec of {@code /bin/true} (the floor of one process per task).
     *
     * @throws IOException if it cannot start
     * @throws InterruptedException never in practice
     */
    @Benchmark
    public void forkExecTrue() throws IOException, InterruptedException {
        ProcessBenchSupport.binTrue();
    }
}
