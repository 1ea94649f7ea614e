package dev.weft.bench.reactor;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
 * Wake-to-run latency: the time from a post to a sleeping consumer until the posted work has run and the poster has
 * seen it (JMH sample mode reports p50, p99 and p99.9). Consumers: a weft reactor in sleep mode (asleep in its 1 ms
 * sleep), a weft reactor in interrupt mode (blocked until input), a thread parked with {@link LockSupport} and
 * unparked (the baseline), the same thread parked with a 1 ms timeout ({@code lockSupportTimed}, the baseline for a
 * sleeping reactor, which also waits with a timeout), and an idle single-thread {@link ThreadPoolExecutor}. Before
 * each post the benchmark
 * waits until the consumer reports itself asleep and still does {@value #SETTLE_NANOS} ns later (a thread that
 * has just announced it will park may still be on its way into the kernel), so every sample is a wake-up; the
 * poster spins on a volatile flag, the same in every variant. Setup checks that a posted task runs.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class WakeLatencyBenchmark {

    static final long SETTLE_NANOS = 50_000;

    @Param({"weftSleep", "weftInterrupt", "lockSupport", "lockSupportTimed", "threadPool"})
    String consumer;

    private volatile boolean done;

    @SuppressWarnings("UnnecessaryLambda") // one instance, allocated once: the measured post carries no allocation
    private final Runnable task = () -> done = true;

    private ReactorGroup group;
    private Reactor reactor;
    private Strand strand;
    private Parker parker;
    private ThreadPoolExecutor pool;
    private final AtomicReference<Thread> poolThread = new AtomicReference<>();

    /**
     * Starts the consumer and checks that a posted task runs.
     */
    @Setup(Level.Trial)
    public void start() {
        switch (consumer) {
            case "weftSleep", "weftInterrupt" -> {
                group = ReactorGroup.builder()
                        .name("wake")
                        .reactors(1)
                        .mode(consumer.equals("weftSleep") ? ReactorMode.SLEEP : ReactorMode.INTERRUPT)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                reactor = group.reactor(0);
                strand = Strand.of("wake");
                group.add(strand).join();
            }
            case "lockSupport", "lockSupportTimed" -> {
                parker = new Parker(this, consumer.equals("lockSupportTimed"));
                parker.thread.start();
            }
            case "threadPool" -> {
                pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.DAYS, new LinkedBlockingQueue<>(), r -> {
                    final Thread t = new Thread(r, "pool-consumer");
                    t.setDaemon(true);
                    poolThread.set(t);
                    return t;
                });
                pool.prestartAllCoreThreads();
            }
            default -> throw new IllegalArgumentException("unknown consumer " + consumer);
        }
        waitAsleep();
        wake();
        if (!done) {
            throw new IllegalStateException(consumer + " did not run the posted task");
        }
    }

    /**
     * Stops the consumer.
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        if (group != null) {
            group.close();
        }
        if (parker != null) {
            parker.running = false;
            LockSupport.unpark(parker.thread);
            parker.thread.join();
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Waits until the consumer is settled asleep, so the next sample is a wake-up.
     */
    @Setup(Level.Invocation)
    public void waitAsleep() {
        done = false;
        while (true) {
            while (!asleep()) {
                Thread.onSpinWait();
            }
            final long settle = System.nanoTime() + SETTLE_NANOS;
            while (System.nanoTime() - settle < 0) {
                Thread.onSpinWait();
            }
            if (asleep()) {
                return;
            }
        }
    }

    private boolean asleep() {
        return switch (consumer) {
            case "weftSleep", "weftInterrupt" -> reactor.isSleeping();
            case "lockSupport" -> parker.thread.getState() == Thread.State.WAITING;
            case "lockSupportTimed" -> parker.thread.getState() == Thread.State.TIMED_WAITING;
            default -> {
                final Thread t = poolThread.get();
                yield t != null && t.getState() == Thread.State.WAITING;
            }
        };
    }

    /**
     * Posts one task to the sleeping consumer and spins until it has run.
     */
    @Benchmark
    public boolean wake() {
        switch (consumer) {
            case "weftSleep", "weftInterrupt" -> strand.execute(task);
            case "lockSupport", "lockSupportTimed" -> {
                parker.pending = true;
                LockSupport.unpark(parker.thread);
            }
            default -> pool.execute(task);
        }
        while (!done) {
            Thread.onSpinWait();
        }
        return done;
    }

    /** A thread that parks until it is given something to run: the hand-written baseline. */
    private static final class Parker implements Runnable {
        private final WakeLatencyBenchmark owner;
        private final boolean timed;
        private final Thread thread;
        private volatile boolean pending;
        private volatile boolean running = true;

        Parker(final WakeLatencyBenchmark owner, final boolean timed) {
            this.owner = owner;
            this.timed = timed;
            this.thread = Thread.ofPlatform().name("parker").daemon(true).unstarted(this);
        }

        @Override
        public void run() {
            while (running) {
                if (timed) {
                    LockSupport.parkNanos(this, 1_000_000L);
                } else {
                    LockSupport.park(this);
                }
                if (pending) {
                    pending = false;
                    owner.task.run();
                }
            }
        }
    }
}
