package dev.weft.bench.reactor;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link DispatchBenchmark}'s comparison measured in CPU time rather than wall time: the loop thread's CPU
 * nanoseconds per pass, for a weft reactor in poll mode and for the {@link HandLoop} over the same idle tasklets.
 * On a shared two-core machine the wall time of a pass includes every moment the loop thread was descheduled,
 * which swamps differences of a few nanoseconds; the thread's own CPU time does not. Rounds alternate the two loops
 * and the report gives each loop's median and the ratio of the medians. Every round first checks that every
 * tasklet was polled. Not a JMH benchmark because the quantity is CPU time per pass of another thread. Run:
 * {@code java -cp benchmarks.jar dev.weft.bench.reactor.DispatchCpuCost [rounds]}.
 */
public final class DispatchCpuCost {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int[] SIZES = {1, 16, 256};
    private static final long PASS_BUDGET = 8_000_000L;

    private DispatchCpuCost() {
    }

    /**
     * Runs the rounds for 1, 16 and 256 tasklets and prints one line per size.
     *
     * @param args optional number of rounds (default 5)
     * @throws Exception if a loop fails
     */
    public static void main(final String[] args) throws Exception {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time");
        }
        System.out.printf("%-9s %14s %14s %8s%n", "tasklets", "weft ns/pass", "hand ns/pass", "ratio");
        for (final int size : SIZES) {
            final long passes = Math.max(2_000, PASS_BUDGET / (size + 1));
            measure(true, size, passes);
            measure(false, size, passes);
            final double[] weft = new double[rounds];
            final double[] hand = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                weft[r] = measure(true, size, passes);
                hand[r] = measure(false, size, passes);
            }
            final double w = median(weft);
            final double h = median(hand);
            System.out.printf("%-9d %14.1f %14.1f %8.3f%n", size, w, h, w / h);
        }
    }

    private static double measure(final boolean weft, final int size, final long passes) throws Exception {
        final PassCounter counter = new PassCounter();
        final List<IdleWork> work = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            work.add(new IdleWork());
        }
        ReactorGroup group = null;
        HandLoop hand = null;
        final Thread thread;
        if (weft) {
            group = ReactorGroup.builder().name("dispatch-cpu").reactors(1).mode(ReactorMode.POLL)
                    .watchdog(Duration.ZERO).build().start();
            final Strand strand = Strand.named("bench");
            group.add(strand).join();
            for (int i = 0; i < size; i++) {
                strand.add(Tasklet.of("idle-" + i, work.get(i)::poll)).join();
            }
            strand.add(Tasklet.of("counter", () -> {
                counter.pass();
                return 0;
            })).join();
            final CompletableFuture<Thread> reactorThread = new CompletableFuture<>();
            group.reactor(0).execute(() -> reactorThread.complete(Thread.currentThread()));
            thread = reactorThread.join();
        } else {
            hand = new HandLoop(work, counter);
            hand.start();
            thread = hand.thread();
        }
        try {
            counter.await(Math.max(1_000, passes / 4));
            for (final IdleWork w : work) {
                if (w.polls() < 1_000) {
                    throw new IllegalStateException((weft ? "weft" : "hand loop") + " polled a tasklet only "
                            + w.polls() + " times");
                }
            }
            final long before = THREADS.getThreadCpuTime(thread.threadId());
            counter.await(passes);
            final long after = THREADS.getThreadCpuTime(thread.threadId());
            return (after - before) / (double) passes;
        } finally {
            if (group != null) {
                group.close();
            }
            if (hand != null) {
                hand.stop();
            }
        }
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
