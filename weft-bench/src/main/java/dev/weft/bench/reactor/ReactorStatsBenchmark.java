package dev.weft.bench.reactor;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of reading one reactor's counters from another thread ({@code Reactor.stats()}, what every RPC stats method
 * and every balancing round pays per reactor), against the JDK way of getting the same thread's CPU split from
 * outside ({@code ThreadMXBean.getThreadCpuTime} plus {@code getThreadUserTime}, which is what {@code stats()} did
 * before the reactor sampled its own clock) and against the total CPU time alone ({@code getThreadCpuTime}). The
 * reactor runs one strand with one timed tasklet (every 100 µs), as the RPC benchmarks' workload. Setup verifies
 * that the stats show the strand, passes and non-negative CPU times before anything is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ReactorStatsBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ReactorGroup group;
    private Reactor reactor;
    private long reactorThreadId;

    /**
     * Starts the reactor with its workload and verifies what stats() reads.
     *
     * @throws InterruptedException if interrupted while waiting for the first passes
     */
    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        group = ReactorGroup.builder()
                .name("statsbench")
                .reactors(1)
                .mode(ReactorMode.INTERRUPT)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        reactor = group.reactor(0);
        final Strand strand = Strand.of("work");
        group.add(strand, reactor).join();
        strand.add(Tasklet.timed("tick", Duration.ofNanos(100_000), () -> 1)).join();
        final CompletableFuture<Thread> thread = new CompletableFuture<>();
        reactor.execute(() -> thread.complete(Thread.currentThread()));
        reactorThreadId = thread.join().threadId();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ReactorStats stats = reactor.stats();
        while (stats.loops() < 100 || stats.cpuSampledNanos() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reactor made only " + stats.loops() + " passes");
            }
            Thread.sleep(10);
            stats = reactor.stats();
        }
        if (stats.strands().size() != 1
                || stats.userCpuNanos() < 0
                || stats.systemCpuNanos() < 0
                || THREADS.getThreadUserTime(reactorThreadId) < 0) {
            throw new IllegalStateException("stats() read " + stats);
        }
    }

    /** Stops the reactor. */
    @TearDown(Level.Trial)
    public void stop() {
        group.close();
    }

    /**
     * weft: one reading of every counter, CPU times included.
     *
     * @return the stats
     */
    @Benchmark
    public ReactorStats stats() {
        return reactor.stats();
    }

    /**
     * Anchor: the reactor thread's user and system time read from outside through the JDK.
     *
     * @return user plus total, so nothing is eliminated
     */
    @Benchmark
    public long threadMxBeanUserAndTotal() {
        return THREADS.getThreadUserTime(reactorThreadId) + THREADS.getThreadCpuTime(reactorThreadId);
    }

    /**
     * Anchor: the reactor thread's total CPU time alone, read from outside through the JDK.
     *
     * @return the total
     */
    @Benchmark
    public long threadMxBeanTotal() {
        return THREADS.getThreadCpuTime(reactorThreadId);
    }
}
