package dev.weft.bench.reactor;

import dev.weft.fork.ForkExecutorService;
import dev.weft.reactor.ReactorExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lateness of a delayed task: a task is scheduled 1 ms ahead on an idle {@link ScheduledExecutorService}, and each
 * sample is the time from its due time until it has run and the caller has seen it (JMH sample mode reports p50 and
 * p99). Executors, each with one thread: weft's {@link ReactorExecutorService} (a reactor in interrupt mode, its
 * strand's own timer), weft's {@link ForkExecutorService} (its delay scheduler hands the task to a worker shortly
 * before it is due, and the worker spins to the due time), the JDK's {@link ScheduledThreadPoolExecutor} and JDK 25's
 * {@link ForkJoinPool} (its delay scheduler). The untimed setup of each invocation schedules the task and spins until
 * its due time, so the measured part is the lateness alone.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ScheduleLatenessBenchmark {

    static final long DELAY_NANOS = 1_000_000;

    @Param({"weftReactor", "weftFork", "scheduledThreadPool", "forkJoinPool"})
    String executor;

    private volatile boolean done;

    @SuppressWarnings("UnnecessaryLambda") // one instance, allocated once: the measured schedule allocates no task
    private final Runnable task = () -> done = true;

    private ScheduledExecutorService service;

    /**
     * Starts the executor and checks that a scheduled task runs.
     */
    @Setup(Level.Trial)
    public void start() {
        service = switch (executor) {
            case "weftReactor" -> new ReactorExecutorService(1);
            case "weftFork" -> new ForkExecutorService(1);
            case "scheduledThreadPool" -> new ScheduledThreadPoolExecutor(1);
            case "forkJoinPool" -> new ForkJoinPool(1);
            default -> throw new IllegalArgumentException("unknown executor " + executor);
        };
        scheduleAndWaitUntilDue();
        lateness();
    }

    /**
     * Stops the executor.
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        service.shutdownNow();
        service.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Schedules the task 1 ms ahead and spins until it is due (not measured).
     */
    @Setup(Level.Invocation)
    public void scheduleAndWaitUntilDue() {
        done = false;
        final long due = System.nanoTime() + DELAY_NANOS;
        service.schedule(task, DELAY_NANOS, TimeUnit.NANOSECONDS);
        while (System.nanoTime() - due < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Spins from the task's due time until it has run.
     *
     * @return whether it ran
     */
    @Benchmark
    public boolean lateness() {
        while (!done) {
            Thread.onSpinWait();
        }
        return done;
    }
}
