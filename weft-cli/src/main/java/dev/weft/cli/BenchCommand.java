package dev.weft.cli;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerPoolConfig;
import dev.weft.platform.ThreadConfig;
import dev.weft.workloads.SizedStackThreads;
import dev.weft.workloads.Uts;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code weft bench}: end-to-end benchmark runs of weft against the anchor a user would pick instead. Its one
 * subcommand so far, {@code weft bench uts}, counts an Unbalanced Tree Search tree on weft's micro-scheduler and on a
 * ForkJoinPool of the same parallelism.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "End-to-end benchmarks of weft against the anchors (ForkJoinPool).",
        subcommands = {BenchCommand.UtsCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public BenchCommand() {}

    /** With no subcommand, fails with the usage: there is nothing to run. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: say which one to run (uts)");
    }

    /**
     * {@code weft bench uts}: UTS with UTS 2.1's parameter letters, on weft and on ForkJoinPool.
     *
     * <p>The runs alternate between the two (weft first), each counting the whole tree; the first pair is a warm-up
     * and is not reported. The counts of every run must agree with each other, and with the published counts when the
     * parameters are those of the default tree, T1, T3, T1L or T3L; a disagreement fails the command. Reported times
     * are the
     * medians, and the ratio is ForkJoinPool's time over weft's (above 1 means weft is faster).
     *
     * <p>Every computing thread of both sides gets the same stack size ({@code --stack-size}, 256 MiB by default):
     * weft's workers, ForkJoinPool's workers (through a {@link SizedStackThreads} factory) and the thread that drives
     * both, which is weft's master and ForkJoinPool's external caller. ForkJoinPool's idiomatic version recurses once
     * per tree level, so deep trees (T3L is 17,844 levels deep) overflow the JVM's default stack. Where the JVM does
     * not let ForkJoinPool's workers be sized ({@code java.lang} not open), both sides run with the JVM's default and
     * the output says so.
     */
    @Command(
            name = "uts",
            mixinStandardHelpOptions = true,
            description = "Count an Unbalanced Tree Search tree on weft and on ForkJoinPool; print nodes, depth, "
                    + "leaves, both times and the ratio fjp_ms / weft_ms.")
    static final class UtsCommand implements Callable<Integer> {

        @Option(names = "-t", paramLabel = "TYPE", description = "Tree type: 0 BIN, 1 GEO, 2 HYBRID (default 1).")
        private int type = UtsParams.DEFAULT.type();

        @Option(
                names = "-a",
                paramLabel = "SHAPE",
                description = "GEO shape: 0 LINEAR, 1 EXPDEC, 2 CYCLIC, 3 FIXED (default 0).")
        private int shape = UtsParams.DEFAULT.shape();

        @Option(names = "-d", paramLabel = "GEN_MX", description = "Depth parameter gen_mx (default 6).")
        private int genMx = UtsParams.DEFAULT.genMx();

        @Option(names = "-b", paramLabel = "B0", description = "Root branching factor b_0 (default 4).")
        private double b0 = UtsParams.DEFAULT.b0();

        @Option(names = "-r", paramLabel = "SEED", description = "Root seed (default 0).")
        private int rootSeed = UtsParams.DEFAULT.rootSeed();

        @Option(names = "-q", paramLabel = "PROB", description = "BIN non-leaf probability (default 15/64).")
        private double nonLeafProb = UtsParams.DEFAULT.nonLeafProb();

        @Option(names = "-m", paramLabel = "BF", description = "BIN non-leaf branching factor (default 4).")
        private int nonLeafBf = UtsParams.DEFAULT.nonLeafBf();

        @Option(
                names = "--workers",
                paramLabel = "N",
                description = "Computing threads on each side (default: the allowed CPUs).")
        private Integer workers;

        @Option(names = "--runs", paramLabel = "K", description = "Timed runs of each (default 3).")
        private int runs = 3;

        @Option(
                names = "--stack-size",
                paramLabel = "MIB",
                description = "Thread stack size of every computing thread on both sides, in MiB (default 256).")
        private int stackMib = 256;

        @Option(
                names = "--json",
                description = "Print {nodes, depth, leaves, weft_ms, fjp_ms, ratio, stack_mib} as JSON.")
        private boolean json;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        UtsCommand() {}

        @Override
        public Integer call() {
            final PrintWriter err = spec.commandLine().getErr();
            final UtsParams params;
            try {
                params = new UtsParams(type, shape, genMx, b0, rootSeed, nonLeafProb, nonLeafBf);
            } catch (final IllegalArgumentException e) {
                err.println("weft bench uts: " + e.getMessage());
                return 2;
            }
            final int threads = workers == null ? WorkerPool.defaultWorkerCount() : workers;
            if (threads < 1 || runs < 1) {
                err.println("weft bench uts: --workers " + threads + " and --runs " + runs + " must be at least 1");
                return 2;
            }
            if (stackMib < 0) {
                err.println("weft bench uts: --stack-size " + stackMib + " must be at least 0 (0: the JVM's default)");
                return 2;
            }
            final long stack = SizedStackThreads.isSupported() ? stackMib * (1L << 20) : 0;
            final Measured measured;
            try {
                measured = onSizedThread(stack, () -> measure(new Uts(params), threads, stack));
            } catch (final IllegalStateException e) {
                err.println("weft bench uts: " + e.getMessage());
                return 1;
            }
            final UtsResult result = measured.result();
            final String published = checkPublished(params, result);
            if (published != null) {
                err.println("weft bench uts: " + published);
                return 1;
            }
            print(result, measured, threads, stack);
            return 0;
        }

        /** The counts and the median times of both sides. */
        private record Measured(UtsResult result, double weftMs, double fjpMs) {}

        private Measured measure(final Uts uts, final int threads, final long stack) {
            final double[] weftMs = new double[runs];
            final double[] fjpMs = new double[runs];
            UtsResult result = null;
            final WorkerPoolConfig.Builder config = WorkerPoolConfig.builder("uts", threads);
            for (int i = 1; i < threads; i++) {
                config.worker(
                        i,
                        ThreadConfig.builder("uts-worker-" + i)
                                .stackSize(stack)
                                .daemon(true)
                                .build());
            }
            try (WorkerPool pool = WorkerPool.start(config.build());
                    ForkJoinPool forkJoin = new ForkJoinPool(threads, SizedStackThreads.of(stack), null, false)) {
                final MicroScheduler scheduler = MicroScheduler.start(pool);
                for (int run = -1; run < runs; run++) {
                    long start = System.nanoTime();
                    final UtsResult onWeft = count(() -> uts.countWeft(scheduler), "weft", stack);
                    final double weftTime = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    final UtsResult onFjp = count(() -> uts.countForkJoin(forkJoin), "ForkJoinPool", stack);
                    final double fjpTime = (System.nanoTime() - start) / 1e6;
                    if (!onWeft.equals(onFjp) || (result != null && !result.equals(onWeft))) {
                        throw new IllegalStateException("the counts disagree: weft " + onWeft + ", ForkJoinPool "
                                + onFjp + (result != null ? ", earlier " + result : ""));
                    }
                    result = onWeft;
                    if (run >= 0) {
                        weftMs[run] = weftTime;
                        fjpMs[run] = fjpTime;
                    }
                }
            }
            return new Measured(result, median(weftMs), median(fjpMs));
        }

        private static UtsResult count(
                final java.util.function.Supplier<UtsResult> side, final String name, final long stack) {
            try {
                return side.get();
            } catch (final StackOverflowError e) {
                throw new IllegalStateException(
                        name + "'s side overflowed its thread stack ("
                                + (stack == 0 ? "the JVM's default" : (stack >> 20) + " MiB")
                                + "); give a larger --stack-size",
                        e);
            }
        }

        /**
         * Runs {@code body} on a fresh platform thread with {@code stack} bytes of stack (0: the JVM's default) and
         * returns its result; a failure of the body is thrown here.
         */
        private static <T> T onSizedThread(final long stack, final java.util.concurrent.Callable<T> body) {
            final FutureTask<T> task = new FutureTask<>(body);
            final Thread driver =
                    Thread.ofPlatform().name("uts-bench").stackSize(stack).start(task);
            try {
                return task.get();
            } catch (final InterruptedException e) {
                driver.interrupt();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting", e);
            } catch (final ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        private static String checkPublished(final UtsParams params, final UtsResult result) {
            final UtsResult expected = params.equals(UtsParams.T1)
                    ? UtsResult.T1
                    : params.equals(UtsParams.T3)
                            ? UtsResult.T3
                            : params.equals(UtsParams.T1L)
                                    ? UtsResult.T1L
                                    : params.equals(UtsParams.T3L)
                                            ? UtsResult.T3L
                                            : params.equals(UtsParams.DEFAULT) ? UtsResult.DEFAULT : null;
            return expected == null || expected.equals(result)
                    ? null
                    : "counted " + result + " but the published counts of this tree are " + expected;
        }

        private void print(final UtsResult result, final Measured measured, final int threads, final long stack) {
            final PrintWriter out = spec.commandLine().getOut();
            final double weft = measured.weftMs();
            final double fjp = measured.fjpMs();
            final double ratio = fjp / weft;
            final long stackMibUsed = stack >> 20;
            if (json) {
                final ObjectNode node = JsonMapper.builder().build().createObjectNode();
                node.put("nodes", result.nodes());
                node.put("depth", result.depth());
                node.put("leaves", result.leaves());
                node.put("weft_ms", round(weft));
                node.put("fjp_ms", round(fjp));
                node.put("ratio", round(ratio));
                node.put("stack_mib", stackMibUsed);
                out.println(node);
            } else {
                out.printf(
                        Locale.ROOT,
                        "UTS tree: %d nodes, depth %d, %d leaves%n",
                        result.nodes(),
                        result.depth(),
                        result.leaves());
                out.printf(
                        Locale.ROOT, "threads: %d on each side, median of %d runs after one warm-up%n", threads, runs);
                out.println(
                        stack == 0
                                ? "stack: the JVM's default on both sides (ForkJoinPool's workers cannot be "
                                        + "sized here: run"
                                        + " with --add-opens java.base/java.lang=ALL-UNNAMED)"
                                : String.format(
                                        Locale.ROOT,
                                        "stack: %d MiB per thread on both sides (weft's workers and "
                                                + "master; ForkJoinPool's workers through a "
                                                + "ForkJoinWorkerThreadFactory)",
                                        stackMibUsed));
                out.printf(Locale.ROOT, "weft:         %10.2f ms%n", weft);
                out.printf(Locale.ROOT, "ForkJoinPool: %10.2f ms%n", fjp);
                out.printf(Locale.ROOT, "ratio fjp/weft: %.3f (above 1: weft is faster)%n", ratio);
            }
            out.flush();
        }

        private static double round(final double value) {
            return Math.round(value * 1000.0) / 1000.0;
        }

        private static double median(final double[] values) {
            final double[] sorted = values.clone();
            Arrays.sort(sorted);
            final int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
