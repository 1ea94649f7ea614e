package dev.weft.bench.process;

import dev.weft.process.Outcome;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessTask;
import dev.weft.workloads.process.HangTask;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latency distributions for the process scheduler that JMH does not give directly, printed as percentiles in
 * microseconds: the warm round trip of a trivial task with the run thread spinning on {@code run()} and with it
 * sleeping in {@code awaitWork()}, the anchors (fresh {@code java} per task, fork/exec of {@code /bin/true}), and how
 * late past its deadline a hung task is killed, both as seen from outside (deadline to outcome) and as the outcome
 * reports it ({@code TimedOut.late()}, deadline to SIGKILL) (targets: warm p50 at most 300 µs; kill at most
 * 20 ms late at p99). Every sample's answer is checked.
 *
 * <p>Run: {@code java -cp weft-bench/target/benchmarks.jar dev.weft.bench.process.ProcessLatencyMain [scale]}, where
 * {@code scale} (default 1) multiplies the sample counts.
 */
public final class ProcessLatencyMain {

    private static final long KILL_TIMEOUT_MILLIS = 200;

    private ProcessLatencyMain() {}

    /**
     * Runs the measurements.
     *
     * @param args optional sample-count scale
     * @throws Exception if a measurement fails or gives a wrong answer
     */
    public static void main(final String[] args) throws Exception {
        final int scale = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        final ProcessBenchSupport.Loop loop = new ProcessBenchSupport.Loop(1);
        final Histogram spin = new Histogram(3);
        final Histogram sleeping = new Histogram(3);
        try {
            for (int i = 0; i < 5000; i++) {
                loop.roundTrip();
            }
            for (int i = 0; i < 20_000 * scale; i++) {
                final long start = System.nanoTime();
                loop.roundTrip();
                spin.recordValue(System.nanoTime() - start);
            }
            for (int i = 0; i < 5_000 * scale; i++) {
                final long start = System.nanoTime();
                final long target = loop.done() + 1;
                loop.scheduler.submit(ProcessBenchSupport.task());
                loop.until(done -> done >= target);
                sleeping.recordValue(System.nanoTime() - start);
                ProcessBenchSupport.check(loop.last());
            }
        } finally {
            loop.stop();
        }
        final Histogram fresh = sample(10 * scale, ProcessBenchSupport::freshJava);
        final Histogram binTrue = sample(300 * scale, ProcessBenchSupport::binTrue);
        final Histogram ordered = new Histogram(3);
        final Histogram lateness = killLateness(10 * scale, ordered);
        print("warm worker, run() spinning", spin);
        print("warm worker, awaitWork() sleeping", sleeping);
        print("fresh java per task (anchor)", fresh);
        print("fork/exec /bin/true (anchor)", binTrue);
        print("kill lateness past a " + KILL_TIMEOUT_MILLIS + " ms deadline", lateness);
        print("  of which until the kill was ordered (late())", ordered);
        System.out.printf(
                "ratio p50: fresh java / warm = %.0fx, /bin/true / warm = %.1fx%n",
                (double) fresh.getValueAtPercentile(50) / spin.getValueAtPercentile(50),
                (double) binTrue.getValueAtPercentile(50) / spin.getValueAtPercentile(50));
    }

    private interface Sample {
        void run() throws IOException, InterruptedException;
    }

    private static Histogram sample(final int n, final Sample sample) throws IOException, InterruptedException {
        final Histogram histogram = new Histogram(3);
        sample.run();
        for (int i = 0; i < n; i++) {
            final long start = System.nanoTime();
            sample.run();
            histogram.recordValue(System.nanoTime() - start);
        }
        return histogram;
    }

    /**
     * Measures, for {@code n} hung tasks, the real time from the deadline (dispatch + timeout, seen from outside) to
     * the delivery of the task's TimedOut outcome, and records in {@code ordered} the lateness the scheduler itself
     * reports ({@link Outcome.TimedOut#late()}: deadline to the SIGKILL, on the real clock).
     */
    private static Histogram killLateness(final int n, final Histogram ordered) throws InterruptedException {
        final Histogram histogram = new Histogram(3);
        final Outcome[] last = new Outcome[1];
        final ProcessScheduler scheduler = ProcessScheduler.builder()
                .workers(1)
                .handler("hang", outcome -> last[0] = outcome)
                .build();
        scheduler.start();
        try {
            for (int i = 0; i < n; i++) {
                while (scheduler.stats().workersReady() < 1) {
                    scheduler.run();
                    scheduler.awaitWork(Duration.ofMillis(20));
                }
                last[0] = null;
                scheduler.submit(ProcessTask.function("hang", HangTask.class)
                        .timeoutMillis(KILL_TIMEOUT_MILLIS)
                        .build());
                final long dispatched = System.nanoTime();
                scheduler.run();
                while (last[0] == null) {
                    scheduler.awaitWork(Duration.ofMillis(50));
                    scheduler.run();
                }
                final long late = System.nanoTime() - dispatched - TimeUnit.MILLISECONDS.toNanos(KILL_TIMEOUT_MILLIS);
                if (!(last[0] instanceof Outcome.TimedOut timedOut) || !timedOut.killed()) {
                    throw new IllegalStateException("hung task did not time out: " + last[0]);
                }
                histogram.recordValue(Math.max(0, late));
                ordered.recordValue(timedOut.late().toNanos());
            }
        } finally {
            scheduler.stop();
        }
        return histogram;
    }

    private static void print(final String name, final Histogram h) {
        System.out.printf(
                "%-44s n=%6d  p50=%10.1f  p90=%10.1f  p99=%10.1f  max=%10.1f us%n",
                name,
                h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e3,
                h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3,
                h.getMaxValue() / 1e3);
    }
}
