package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scaling run: the fork engine from one worker to as many as the machine has CPUs (up to 16), against
 * ForkJoinPool with the same parallelism, and the tasklet dispatch pass against Agrona on that machine. Its sources run
 * through {@link Measuring} like the report's; {@link #render} turns a run directory into {@code docs/SCALING.md}.
 *
 * <p>The workloads are textbook fib(35) through the primitive fork ({@code FibBenchmark.weftForkJoinLong}, about 15
 * million forks an operation) and UTS T1L (102 million nodes; 256 MiB stacks for every thread of both sides, one
 * measured operation per worker count, since one operation on one worker takes about 20 seconds). Worker counts are
 * the powers of two up to the CPU count, and the CPU count itself.
 */
public final class Scaling {

    /** The most workers a scaling run measures. */
    public static final int MOST_WORKERS = 16;

    private static final String FIB = "fork.FibBenchmark.";
    private static final String UTS = "fork.UtsBenchmark.";
    private static final String DISPATCH = "reactor.DispatchBenchmark.pass";

    private Scaling() {}

    /**
     * The worker counts a machine with {@code cpus} CPUs measures: 1, 2, 4, ... up to {@code min(cpus, 16)}, and that
     * number itself.
     *
     * @param cpus the machine's CPU count
     * @return the counts, ascending
     * @throws IllegalArgumentException if {@code cpus} is below 1
     */
    public static List<Integer> workerCounts(final int cpus) {
        if (cpus < 1) {
            throw new IllegalArgumentException("a scaling run needs at least 1 CPU, not " + cpus);
        }
        final int most = Math.min(cpus, MOST_WORKERS);
        final List<Integer> counts = new ArrayList<>();
        for (int workers = 1; workers <= most; workers *= 2) {
            counts.add(workers);
        }
        if (counts.getLast() != most) {
            counts.add(most);
        }
        return counts;
    }

    /**
     * The sources of a scaling run.
     *
     * @param workers the worker counts to measure
     * @return the fib, UTS and dispatch sources
     */
    public static List<Source> sources(final List<Integer> workers) {
        final String counts = "workers=" + workers.stream().map(String::valueOf).collect(Collectors.joining(","));
        return List.of(
                new Source(
                        "scaling-fib",
                        Source.Kind.JMH,
                        Reproduce.PACKAGE + FIB + "(weftForkJoinLong|forkJoinPool)$",
                        List.of("-p", "n=35", "-p", counts),
                        List.of("-p", "n=25", "-p", counts)),
                new Source(
                        "scaling-uts",
                        Source.Kind.JMH,
                        Reproduce.PACKAGE + UTS + "(weft|forkJoinPool)$",
                        List.of("-p", "tree=T1L", "-p", counts, "-jvmArgsAppend", "-Xss256m", "-wi", "0", "-i", "1"),
                        List.of("-p", "tree=T1", "-p", counts, "-wi", "0", "-i", "1")),
                new Source(
                        "scaling-dispatch",
                        Source.Kind.JMH,
                        Reproduce.PACKAGE + DISPATCH + "$",
                        List.of("-p", "loop=weft,agrona"),
                        List.of("-p", "loop=weft,agrona")));
    }

    /**
     * Renders a scaling run as Markdown: one table per workload, each worker count a line with weft's time,
     * ForkJoinPool's, their ratio and each side's speed-up over its own one-worker time; then the dispatch pass.
     *
     * @param env the run's environment
     * @param measurements everything the run measured
     * @return the Markdown text
     */
    public static String render(final Environment env, final List<Measurement> measurements) {
        final StringBuilder out = new StringBuilder("# weft scaling curves\n\n");
        out.append("Every figure below comes from one run of `bench/scaling")
                .append(env.quick() ? " --quick" : "")
                .append("` (started ")
                .append(env.started())
                .append(", commit ")
                .append(env.commit())
                .append(") on ")
                .append(env.cpus())
                .append(" CPUs (")
                .append(env.cpuModel())
                .append(", ")
                .append(env.jdk())
                .append("), weft and its anchor in the same run. The file is generated; regenerate it with ")
                .append("`bench/scaling` on the machine to describe.\n\n");
        if (env.cpus() < MOST_WORKERS) {
            out.append(String.format(
                    Locale.ROOT,
                    "This machine has %d CPUs, so the curves stop at %d workers. The points up to %d workers need a "
                            + "machine with %d CPUs: run `bench/scaling` there.%n%n",
                    env.cpus(),
                    env.cpus(),
                    MOST_WORKERS,
                    MOST_WORKERS));
        }
        final String fibTitle =
                env.quick() ? "fib(25), quick run" : "fib(35), textbook fork/join, weft's primitive fork";
        curve(out, fibTitle, FIB + "weftForkJoinLong", FIB + "forkJoinPool", measurements);
        final String utsTitle = env.quick() ? "UTS T1, quick run" : "UTS T1L (102 M nodes), 256 MiB stacks";
        curve(out, utsTitle, UTS + "weft", UTS + "forkJoinPool", measurements);
        dispatch(out, measurements);
        return out.toString();
    }

    private static void curve(
            final StringBuilder out,
            final String title,
            final String weftName,
            final String anchorName,
            final List<Measurement> measurements) {
        out.append("## ").append(title).append(" against ForkJoinPool\n\n");
        final List<Integer> counts = measurements.stream()
                .filter(m -> m.name().equals(weftName) || m.name().equals(anchorName))
                .map(m -> m.params().get("workers"))
                .filter(w -> w != null && w.matches("\\d+"))
                .map(Integer::valueOf)
                .distinct()
                .sorted()
                .toList();
        if (counts.isEmpty()) {
            out.append("Not measured in this run.\n\n");
            return;
        }
        out.append("| workers | weft | ForkJoinPool | weft ÷ ForkJoinPool | weft speed-up | ForkJoinPool speed-up |\n");
        out.append("|---|---|---|---|---|---|\n");
        final Optional<Figure> weftOne = score(measurements, weftName, Map.of("workers", "1"));
        final Optional<Figure> anchorOne = score(measurements, anchorName, Map.of("workers", "1"));
        for (final int workers : counts) {
            final Optional<Figure> weft = score(measurements, weftName, Map.of("workers", String.valueOf(workers)));
            final Optional<Figure> anchor = score(measurements, anchorName, Map.of("workers", String.valueOf(workers)));
            out.append("| ")
                    .append(workers)
                    .append(" | ")
                    .append(text(weft))
                    .append(" | ")
                    .append(text(anchor))
                    .append(" | ")
                    .append(quotient(weft, anchor))
                    .append(" | ")
                    .append(quotient(weftOne, weft))
                    .append(" | ")
                    .append(quotient(anchorOne, anchor))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void dispatch(final StringBuilder out, final List<Measurement> measurements) {
        out.append("## Dispatch: one pass over idle tasklets, one reactor, against Agrona's CompositeAgent\n\n");
        final List<String> sizes = measurements.stream()
                .filter(m -> m.name().equals(DISPATCH))
                .map(m -> m.params().get("tasklets"))
                .filter(t -> t != null && t.matches("\\d+"))
                .distinct()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                .toList();
        if (sizes.isEmpty()) {
            out.append("Not measured in this run.\n");
            return;
        }
        out.append("| tasklets | weft | Agrona | weft ÷ Agrona |\n|---|---|---|---|\n");
        for (final String size : sizes) {
            final Optional<Figure> weft = score(measurements, DISPATCH, Map.of("loop", "weft", "tasklets", size));
            final Optional<Figure> agrona = score(measurements, DISPATCH, Map.of("loop", "agrona", "tasklets", size));
            out.append("| ")
                    .append(size)
                    .append(" | ")
                    .append(text(weft))
                    .append(" | ")
                    .append(text(agrona))
                    .append(" | ")
                    .append(quotient(weft, agrona))
                    .append(" |\n");
        }
    }

    /** The score of the one measurement with this name and these parameters, if the run has it. */
    private static Optional<Figure> score(
            final List<Measurement> measurements, final String name, final Map<String, String> params) {
        return measurements.stream()
                .filter(m -> m.name().equals(name) && m.params().entrySet().containsAll(params.entrySet()))
                .findFirst()
                .map(m -> m.metrics().get("score"));
    }

    private static String text(final Optional<Figure> figure) {
        return figure.map(f -> f.render() + (f.unit().isEmpty() ? "" : " " + f.unit()))
                .orElse("did not run");
    }

    private static String quotient(final Optional<Figure> top, final Optional<Figure> bottom) {
        if (top.isEmpty() || bottom.isEmpty() || bottom.get().value() == 0) {
            return "—";
        }
        return Numbers.format(top.get().value() / bottom.get().value());
    }
}
