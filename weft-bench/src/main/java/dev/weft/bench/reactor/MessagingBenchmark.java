package dev.weft.bench.reactor;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cross-thread messaging, in nanoseconds per message:
 * <ul>
 *   <li>{@code burst}: one producer posts {@value #BURST} messages to a consumer and waits until the last has run
 *       (throughput);</li>
 *   <li>{@code pingPong}: two consumers bounce one message {@value #ROUND_TRIPS} times (a round trip is two
 *       hand-offs).</li>
 * </ul>
 * Consumers: weft strands on reactors in auto mode (the default), single-thread {@link ThreadPoolExecutor}s, and
 * plain threads taking from a {@link LinkedBlockingQueue}. Each invocation checks that every message ran.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MessagingBenchmark {

    static final int BURST = 10_000;
    static final int ROUND_TRIPS = 1_000;

    @Param({"weft", "threadPool", "queueHandOff"})
    String transport;

    private Side a;
    private Side b;
    private ReactorGroup group;
    private long counted;
    private volatile long received;
    private volatile Thread waiter;
    private volatile long target;

    /**
     * Starts the two consumers.
     */
    @Setup(Level.Trial)
    public void start() {
        switch (transport) {
            case "weft" -> {
                group = ReactorGroup.builder()
                        .name("msg")
                        .reactors(2)
                        .mode(ReactorMode.INTERRUPT)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                final Strand first = Strand.of("a");
                final Strand second = Strand.of("b");
                group.add(first, group.reactor(0)).join();
                group.add(second, group.reactor(1)).join();
                a = first::execute;
                b = second::execute;
            }
            case "threadPool" -> {
                final ExecutorService first = singleThread();
                final ExecutorService second = singleThread();
                a = new PoolSide(first);
                b = new PoolSide(second);
            }
            case "queueHandOff" -> {
                a = new QueueSide("a");
                b = new QueueSide("b");
            }
            default -> throw new IllegalArgumentException("unknown transport " + transport);
        }
    }

    private static ExecutorService singleThread() {
        return new ThreadPoolExecutor(1, 1, 1, TimeUnit.DAYS, new LinkedBlockingQueue<>(), r -> {
            final Thread t = new Thread(r, "pool");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Stops the two consumers.
     */
    @TearDown(Level.Trial)
    public void stop() {
        if (group != null) {
            group.close();
        }
        a.close();
        b.close();
    }

    private void arrive() {
        final long now = ++counted;
        if (now == target) {
            received = now;
            LockSupport.unpark(waiter);
        }
    }

    private long awaitCount(final long count) {
        while (received < count) {
            LockSupport.park(this);
        }
        return received;
    }

    /**
     * Posts {@value #BURST} messages to one consumer and waits until all ran.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long burst() {
        waiter = Thread.currentThread();
        final long goal = counted + BURST;
        target = goal;
        final Runnable one = this::arrive;
        for (int i = 0; i < BURST; i++) {
            a.post(one);
        }
        return verify(awaitCount(goal), goal);
    }

    /**
     * Bounces one message {@value #ROUND_TRIPS} times between the consumers.
     */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long pingPong() {
        waiter = Thread.currentThread();
        final long goal = counted + ROUND_TRIPS;
        target = goal;
        a.post(new Ball(ROUND_TRIPS));
        return verify(awaitCount(goal), goal);
    }

    private static long verify(final long got, final long goal) {
        if (got != goal) {
            throw new IllegalStateException("expected " + goal + " messages, saw " + got);
        }
        return got;
    }

    /** A message that bounces between the two sides and counts each return to side a. */
    private final class Ball implements Runnable {
        private int left;
        private boolean onA = true;

        Ball(final int roundTrips) {
            this.left = roundTrips;
        }

        @Override
        public void run() {
            if (onA) {
                onA = false;
                b.post(this);
            } else {
                onA = true;
                arrive();
                if (--left > 0) {
                    a.post(this);
                }
            }
        }
    }

    /** One consumer. */
    private interface Side {
        void post(Runnable message);

        default void close() {}
    }

    private record PoolSide(ExecutorService pool) implements Side {
        @Override
        public void post(final Runnable message) {
            pool.execute(message);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** A thread taking messages from a {@link LinkedBlockingQueue}. */
    private static final class QueueSide implements Side, Runnable {
        private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        private final Thread thread;

        QueueSide(final String name) {
            thread = Thread.ofPlatform().name("queue-" + name).daemon(true).start(this);
        }

        @Override
        public void post(final Runnable message) {
            queue.add(message);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    queue.take().run();
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
