package dev.weft.bench.reactor;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.reactor.TaskletTiming;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * {@link DispatchBenchmark}'s comparison measured in CPU time rather than wall time: the loop thread's CPU
 * nanoseconds per pass over the same idle tasklets, for a weft reactor in poll mode with its default (sampled)
 * tasklet timing against Agrona's {@code CompositeAgent}, and with exact tasklet timing against the {@link HandLoop},
 * which does the same accounting by hand.
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

    private DispatchCpuCost() {}

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
        System.out.printf(
                "%-9s %12s %12s %8s %12s %12s %8s%n",
                "tasklets", "weft", "agrona", "ratio", "weftExact", "hand", "ratio");
        for (final int size : SIZES) {
            final long passes = Math.max(2_000, PASS_BUDGET / (size + 1));
            final Loop[] loops = Loop.values();
            final double[][] samples = new double[loops.length][rounds];
            for (final Loop loop : loops) {
                measure(loop, size, passes);
            }
            for (int r = 0; r < rounds; r++) {
                for (final Loop loop : loops) {
                    samples[loop.ordinal()][r] = measure(loop, size, passes);
                }
            }
            final double weft = median(samples[Loop.WEFT.ordinal()]);
            final double agrona = median(samples[Loop.AGRONA.ordinal()]);
            final double exact = median(samples[Loop.WEFT_EXACT.ordinal()]);
            final double hand = median(samples[Loop.HAND.ordinal()]);
            System.out.printf(
                    "%-9d %12.1f %12.1f %8.3f %12.1f %12.1f %8.3f%n",
                    size, weft, agrona, weft / agrona, exact, hand, exact / hand);
        }
    }

    /** The loops compared, in CPU nanoseconds per pass. */
    private enum Loop {
        WEFT,
        AGRONA,
        WEFT_EXACT,
        HAND
    }

    private static double measure(final Loop loop, final int size, final long passes) throws Exception {
        final PassCounter counter = new PassCounter();
        final List<IdleWork> work = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            work.add(new IdleWork());
        }
        try (Running running = switch (loop) {
            case WEFT -> startWeft(TaskletTiming.SAMPLED, work, counter);
            case WEFT_EXACT -> startWeft(TaskletTiming.EXACT, work, counter);
            case AGRONA -> startAgrona(work, counter);
            case HAND -> startHand(work, counter);
        }) {
            counter.await(Math.max(1_000, passes / 4));
            for (final IdleWork w : work) {
                if (w.polls() < 1_000) {
                    throw new IllegalStateException(loop + " polled a tasklet only " + w.polls() + " times");
                }
            }
            final long before = THREADS.getThreadCpuTime(running.thread().threadId());
            counter.await(passes);
            final long after = THREADS.getThreadCpuTime(running.thread().threadId());
            return (after - before) / (double) passes;
        }
    }

    /** A loop under measurement: the thread that runs it and how to stop it. */
    private record Running(Thread thread, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private static Running startWeft(final TaskletTiming timing, final List<IdleWork> work, final PassCounter counter) {
        final ReactorGroup group = ReactorGroup.builder()
                .name("dispatch-cpu")
                .reactors(1)
                .mode(ReactorMode.POLL)
                .taskletTiming(timing)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        final Strand strand = Strand.of("bench");
        group.add(strand).join();
        for (int i = 0; i < work.size(); i++) {
            strand.add(Tasklet.of("idle-" + i, work.get(i)::poll)).join();
        }
        strand.add(Tasklet.of("counter", () -> {
                    counter.pass();
                    return 0;
                }))
                .join();
        final CompletableFuture<Thread> reactorThread = new CompletableFuture<>();
        group.reactor(0).execute(() -> reactorThread.complete(Thread.currentThread()));
        return new Running(reactorThread.join(), group);
    }

    private static Running startAgrona(final List<IdleWork> work, final PassCounter counter) {
        final List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            agents.add(new PollAgent("idle-" + i, work.get(i)::poll));
        }
        agents.add(new PollAgent("counter", () -> {
            counter.pass();
            return 0;
        }));
        final AgentRunner runner = new AgentRunner(
                new BusySpinIdleStrategy(), Throwable::printStackTrace, null, new CompositeAgent(agents));
        return new Running(AgentRunner.startOnThread(runner), runner);
    }

    private static Running startHand(final List<IdleWork> work, final PassCounter counter) {
        final HandLoop hand = new HandLoop(work, counter);
        hand.start();
        return new Running(hand.thread(), hand::stop);
    }

    /** An Agrona agent around a poll function. */
    private record PollAgent(String roleName, IntSupplier body) implements Agent {
        @Override
        public int doWork() {
            return body.getAsInt();
        }
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
