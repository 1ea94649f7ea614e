package dev.weft.cli;

import dev.weft.workloads.Uts;
import dev.weft.workloads.UtsParams;
import dev.weft.workloads.UtsResult;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;

/**
 * {@code weft bench}: end-to-end benchmark runs of weft against the anchor a user would pick instead. Its one
 * subcommand so far, {@code weft bench uts}, counts an Unbalanced Tree Search tree on weft's micro-scheduler and on a
 * ForkJoinPool of the same parallelism.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmarks of weft against the anchors (ForkJoinPool).",
        subcommands = {BenchCommand.UtsCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public BenchCommand() {
    }

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
     * parameters are those of the default tree, T1 or T3; a disagreement fails the command. Reported times are the
     * medians, and the ratio is ForkJoinPool's time over weft's (above 1 means weft is faster).
     */
    @Command(name = "uts", mixinStandardHelpOptions = true,
            description = "Count an Unbalanced Tree Search tree on weft and on ForkJoinPool; print nodes, depth, "
                    + "leaves, both times and the ratio fjp_ms / weft_ms.")
    static final class UtsCommand implements Callable<Integer> {

        @Option(names = "-t", paramLabel = "TYPE", description = "Tree type: 0 BIN, 1 GEO, 2 HYBRID (default 1).")
        private int type = UtsParams.DEFAULT.type();

        @Option(names = "-a", paramLabel = "SHAPE",
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

        @Option(names = "--workers", paramLabel = "N",
                description = "Computing threads on each side (default: the allowed CPUs).")
        private Integer workers;

        @Option(names = "--runs", paramLabel = "K", description = "Timed runs of each (default 3).")
        private int runs = 3;

        @Option(names = "--json", description = "Print {nodes, depth, leaves, weft_ms, fjp_ms, ratio} as JSON.")
        private boolean json;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        UtsCommand() {
        }

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
            final Uts uts = new Uts(params);
            final double[] weftMs = new double[runs];
            final double[] fjpMs = new double[runs];
            UtsResult result = null;
            try (WorkerPool pool = WorkerPool.start(threads); ForkJoinPool forkJoin = new ForkJoinPool(threads)) {
                final MicroScheduler scheduler = MicroScheduler.start(pool);
                for (int run = -1; run < runs; run++) {
                    long start = System.nanoTime();
                    final UtsResult onWeft = uts.countWeft(scheduler);
                    final double weftTime = (System.nanoTime() - start) / 1e6;
                    start = System.nanoTime();
                    final UtsResult onFjp = uts.countForkJoin(forkJoin);
                    final double fjpTime = (System.nanoTime() - start) / 1e6;
                    if (!onWeft.equals(onFjp) || (result != null && !result.equals(onWeft))) {
                        err.println("weft bench uts: the counts disagree: weft " + onWeft + ", ForkJoinPool " + onFjp
                                + (result != null ? ", earlier " + result : ""));
                        return 1;
                    }
                    result = onWeft;
                    if (run >= 0) {
                        weftMs[run] = weftTime;
                        fjpMs[run] = fjpTime;
                    }
                }
            }
            final String published = checkPublished(params, result);
            if (published != null) {
                err.println("weft bench uts: " + published);
                return 1;
            }
            print(result, median(weftMs), median(fjpMs), threads);
            return 0;
        }

        private static String checkPublished(final UtsParams params, final UtsResult result) {
            final UtsResult expected = params.equals(UtsParams.T1) ? UtsResult.T1
                    : params.equals(UtsParams.T3) ? UtsResult.T3
                    : params.equals(UtsParams.DEFAULT) ? UtsResult.DEFAULT : null;
            return expected == null || expected.equals(result) ? null
                    : "counted " + result + " but the published counts of this tree are " + expected;
        }

        private void print(final UtsResult result, final double weft, final double fjp, final int threads) {
            final PrintWriter out = spec.commandLine().getOut();
            final double ratio = fjp / weft;
            if (json) {
                final ObjectNode node = JsonMapper.builder().build().createObjectNode();
                node.put("nodes", result.nodes());
                node.put("depth", result.depth());
                node.put("leaves", result.leaves());
                node.put("weft_ms", round(weft));
                node.put("fjp_ms", round(fjp));
                node.put("ratio", round(ratio));
                out.println(node);
            } else {
                out.printf(Locale.ROOT, "UTS tree: %d nodes, depth %d, %d leaves%n", result.nodes(), result.depth(),
                        result.leaves());
                out.printf(Locale.ROOT, "threads: %d on each side, median of %d runs after one warm-up%n", threads,
                        runs);
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
