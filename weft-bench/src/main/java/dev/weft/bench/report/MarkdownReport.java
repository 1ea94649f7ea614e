package dev.weft.bench.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code docs/PERFORMANCE.md}: a warning when the machine was loaded or the run was quick, the one table of
 * every row with its verdict, the notes on rows, each missed target with the entry of {@code docs/DECISIONS.md} that
 * explains it, the measurements no row claims, and how the figures were taken.
 *
 * <p>Table cells escape {@code |} (GitHub's tables split on it even inside code spans) and line breaks. The machine
 * counts as loaded when other processes and steal took more than {@link #LOADED_SHARE} of its CPU time while the run
 * measured ({@link Environment#othersCpuShare}); where that share is unknown, when either one-minute load average
 * exceeds half its CPU count (a load average counts the run's own benchmarks too, so it overstates). A loaded run's
 * figures are said plainly to be noisy and due for regeneration on a quiet machine.
 */
public final class MarkdownReport {

    /** The share of the machine's CPU time that other work may take while a run measures before it counts as loaded. */
    static final double LOADED_SHARE = 0.05;

    private MarkdownReport() {}

    /**
     * Renders the report.
     *
     * @param env how the figures were taken
     * @param result the paired rows and the unpaired measurements
     * @param demoSettings the demo's settings and load profile (empty if the demo did not run)
     * @param note a sentence on the circumstances the generator cannot see (for example a shared machine), or empty
     * @return the Markdown text
     */
    public static String render(
            final Environment env,
            final Pairing.Result result,
            final Map<String, String> demoSettings,
            final String note) {
        return render(env, result, demoSettings, note, "");
    }

    /**
     * Renders the report with the scaling curves of {@code docs/SCALING.md}.
     *
     * @param env how the figures were taken
     * @param result the paired rows and the unpaired measurements
     * @param demoSettings the demo's settings and load profile (empty if the demo did not run)
     * @param note a sentence on the circumstances the generator cannot see, or empty
     * @param scaling the text of {@code docs/SCALING.md}, or empty when no scaling run is recorded
     * @return the Markdown text
     */
    public static String render(
            final Environment env,
            final Pairing.Result result,
            final Map<String, String> demoSettings,
            final String note,
            final String scaling) {
        final StringBuilder out = new StringBuilder();
        out.append("# weft performance report\n\n");
        out.append("Every figure below comes from one run of `bench/report")
                .append(env.quick() ? " --quick" : "")
                .append("` (started ")
                .append(env.started())
                .append(", commit ")
                .append(env.commit())
                .append("): weft and the anchor a user would pick instead, ")
                .append("measured in the same run. The file is generated; do not edit it by hand. Regenerate it with ")
                .append("`bench/report` whenever a figure changes (the rows are declared in ")
                .append("`Rows` and its area lists in `weft-bench/src/main/java/dev/weft/bench/report/`).\n\n");
        warnings(out, env, note);
        summary(out, result);
        table(out, result.rows());
        notes(out, result.rows());
        misses(out, result.rows());
        scaling(out, scaling);
        unpaired(out, result.unpaired());
        howTaken(out, env, demoSettings);
        return out.toString();
    }

    private static void warnings(final StringBuilder out, final Environment env, final String note) {
        final boolean shareKnown = !Double.isNaN(env.othersCpuShare());
        final boolean loaded = shareKnown
                ? env.othersCpuShare() > LOADED_SHARE
                : Math.max(firstLoad(env.loadBefore()), firstLoad(env.loadAfter())) > env.cpus() / 2.0;
        if (!note.isBlank() || loaded) {
            out.append("> **Noisy figures.** ");
            if (!note.isBlank()) {
                out.append(note.strip()).append(' ');
            }
            if (loaded && shareKnown) {
                out.append(String.format(
                        Locale.ROOT,
                        "The machine was loaded: other processes and steal took %s of its CPU time while the run "
                                + "measured (more than %s). ",
                        percent(env.othersCpuShare()),
                        percent(LOADED_SHARE)));
            } else if (loaded) {
                out.append(String.format(
                        Locale.ROOT,
                        "The machine was loaded: one-minute load average %s before and "
                                + "%s after the run, on %d CPUs. ",
                        first(env.loadBefore()),
                        first(env.loadAfter()),
                        env.cpus()));
            }
            out.append("Other work competed with every benchmark for the CPUs, so absolute figures are inflated and "
                    + "even same-run ratios are noisy; misses below may be the machine's, not weft's. These figures "
                    + "are to be regenerated on a quiet machine with `bench/report`.\n\n");
        }
        if (env.quick()) {
            out.append("> **Quick run.** JMH ran with `")
                    .append(env.jmhSettings())
                    .append("` and the mains at ")
                    .append("their shortest: a smoke test of the chain, not figures to quote. Run `bench/report` ")
                    .append("without `--quick` for the stated settings.\n\n");
        }
    }

    private static void summary(final StringBuilder out, final Pairing.Result result) {
        final Map<PairedRow.Status, Integer> counts = new EnumMap<>(PairedRow.Status.class);
        for (final PairedRow row : result.rows()) {
            counts.merge(row.status(), 1, Integer::sum);
        }
        out.append(String.format(
                Locale.ROOT,
                "%d rows: %d met, %d missed, %d without a target (context), %d did not "
                        + "run, %d with no anchor figure; %d measurements with no pairing.%n%n",
                result.rows().size(),
                counts.getOrDefault(PairedRow.Status.MET, 0),
                counts.getOrDefault(PairedRow.Status.MISSED, 0),
                counts.getOrDefault(PairedRow.Status.NO_TARGET, 0),
                counts.getOrDefault(PairedRow.Status.NOT_RUN, 0),
                counts.getOrDefault(PairedRow.Status.ANCHOR_NOT_RUN, 0),
                result.unpaired().size()));
        out.append("The ratio is always weft ÷ anchor in the row's unit. For times, latencies and costs lower is ")
                .append("better, so a ratio below 1 means weft wins; for rates (ops/s, ops/ms, work) higher is ")
                .append("better. ")
                .append("A target bounds either that ratio (\"ratio ≤ 1.1\") or weft's own figure (\"≤ 300 us\"); ")
                .append("\"—\" means a comparison without a bound. JMH figures show ± the ")
                .append("99.9% confidence half-width JMH reports; a JMH figure from several forks is the median of ")
                .append("the forks' means (the ± is over every iteration of every fork). A target \"in each of N ")
                .append("runs\" pairs weft's fork i with the anchor's fork i, as N runs of the row's command with ")
                .append("`-f 1` would, and lists each run's ratio.\n\n");
    }

    private static void table(final StringBuilder out, final List<PairedRow> rows) {
        out.append("## Results\n\n");
        out.append("| # | area | what is measured | anchor (same run) | weft | anchor | weft ÷ anchor | target "
                + "| met / missed | reproduce |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        int number = 0;
        for (final PairedRow row : rows) {
            number++;
            final String unit = row.weft() != null ? row.weft().unit() : "";
            out.append("| ")
                    .append(number)
                    .append(" | ")
                    .append(cell(row.row().area()))
                    .append(" | ")
                    .append(cell(row.row().what()))
                    .append(" | ")
                    .append(cell(
                            row.row().anchorName().isEmpty() ? "—" : row.row().anchorName()))
                    .append(" | ")
                    .append(cell(figure(row.weft(), row.status() == PairedRow.Status.NOT_RUN ? "did not run" : "—")))
                    .append(" | ")
                    .append(cell(row.row().anchor().isEmpty() ? "—" : figure(row.anchor(), "did not run")))
                    .append(" | ")
                    .append(cell(ratio(row)))
                    .append(" | ")
                    .append(cell(row.row().target().render(row.row().direction(), unit)))
                    .append(" | ")
                    .append(cell(row.status().text()))
                    .append(" | ")
                    .append(row.command().isEmpty() ? "—" : "`" + cell(row.command()) + "`")
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void notes(final StringBuilder out, final List<PairedRow> rows) {
        final StringBuilder notes = new StringBuilder();
        int number = 0;
        for (final PairedRow row : rows) {
            number++;
            if (!row.note().isEmpty()) {
                notes.append("- Row ")
                        .append(number)
                        .append(" (")
                        .append(row.row().what())
                        .append("): ")
                        .append(row.note())
                        .append(".\n");
            }
        }
        if (!notes.isEmpty()) {
            out.append("### Notes on rows\n\n").append(notes).append('\n');
        }
    }

    private static void misses(final StringBuilder out, final List<PairedRow> rows) {
        final StringBuilder misses = new StringBuilder();
        int number = 0;
        for (final PairedRow row : rows) {
            number++;
            if (row.status() != PairedRow.Status.MISSED) {
                continue;
            }
            final String unit = row.weft() != null ? row.weft().unit() : "";
            misses.append("- Row ")
                    .append(number)
                    .append(" (")
                    .append(row.row().what())
                    .append("): ")
                    .append(row.row().target().kind() == Target.Kind.FIGURE ? figure(row.weft(), "—") : ratio(row))
                    .append(" against ")
                    .append(row.row().target().render(row.row().direction(), unit))
                    .append(". ");
            final String heading = row.row().explanation();
            if (heading.isEmpty()) {
                misses.append("No measurement of where its time goes is recorded yet.\n");
            } else {
                misses.append("Where its time goes: [")
                        .append(heading)
                        .append("](DECISIONS.md#")
                        .append(Decisions.anchor(heading))
                        .append(").\n");
            }
        }
        if (!misses.isEmpty()) {
            out.append("## Missed targets\n\n")
                    .append("Each missed target, with the entry of `docs/DECISIONS.md` that measures where the time ")
                    .append("goes.\n\n")
                    .append(misses)
                    .append('\n');
        }
    }

    private static void scaling(final StringBuilder out, final String scaling) {
        out.append("## Scaling\n\n");
        if (scaling.isBlank()) {
            out.append("No scaling run is recorded. `bench/scaling` on a machine with 16 CPUs writes ")
                    .append("`docs/SCALING.md` (fib(35) and UTS T1L from 1 to 16 workers against ForkJoinPool, and ")
                    .append("the dispatch pass), and the next `bench/report` copies its curves here.\n\n");
            return;
        }
        out.append(
                        "Copied from `docs/SCALING.md`, which `bench/scaling` generates; its figures come from a run of their own, ")
                .append("on the machine it names.\n\n");
        scaling.lines()
                .dropWhile(line -> !line.startsWith("# "))
                .skip(1)
                .dropWhile(String::isBlank)
                .map(line -> line.startsWith("#") ? "#" + line : line)
                .forEach(line -> out.append(line).append('\n'));
        out.append('\n');
    }

    private static void unpaired(final StringBuilder out, final List<Measurement> unpaired) {
        out.append("## Measurements with no pairing\n\n");
        if (unpaired.isEmpty()) {
            out.append("None: every measurement of the run belongs to a row.\n\n");
            return;
        }
        out.append("The run produced these, but no row of `Rows` names them (a new benchmark, or one whose ")
                .append("name or parameters changed). They are listed so that nothing is dropped silently; give ")
                .append("each a row with its anchor and target.\n\n");
        out.append("| measurement | figures | reproduce |\n|---|---|---|\n");
        for (final Measurement measurement : unpaired) {
            final StringBuilder figures = new StringBuilder();
            measurement.metrics().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(metric -> {
                        if (!figures.isEmpty()) {
                            figures.append(", ");
                        }
                        figures.append(metric.getKey())
                                .append(' ')
                                .append(metric.getValue().render())
                                .append(' ')
                                .append(metric.getValue().unit());
                    });
            out.append("| ")
                    .append(cell(measurement.label()))
                    .append(" (no pairing) | ")
                    .append(cell(figures.toString().strip()))
                    .append(" | `")
                    .append(cell(measurement.command()))
                    .append("` |\n");
        }
        out.append('\n');
    }

    private static void howTaken(
            final StringBuilder out, final Environment env, final Map<String, String> demoSettings) {
        out.append("## How the figures were taken\n\n");
        out.append("- Machine: ")
                .append(env.cpuModel())
                .append(", ")
                .append(env.cpus())
                .append(" CPUs, ")
                .append(env.memory())
                .append(" memory, Linux ")
                .append(env.kernel())
                .append(".\n");
        out.append("- JDK: ").append(env.jdk()).append(".\n");
        out.append("- JMH: `")
                .append(env.jmhSettings())
                .append("` (forks, warm-up iterations, measurement ")
                .append("iterations, warm-up and measurement time), unless a row's command says otherwise; ")
                .append("latency rows read JMH's sample mode percentiles.\n");
        out.append("- Load average (1, 5, 15 min): ")
                .append(env.loadBefore())
                .append(" before, ")
                .append(env.loadAfter())
                .append(" after (the run's own benchmarks count in it).\n");
        if (!Double.isNaN(env.othersCpuShare())) {
            out.append("- Other processes and steal while measuring: ")
                    .append(percent(env.othersCpuShare()))
                    .append(" of the machine's CPU time (the run's own benchmarks excluded).\n");
        }
        out.append("- Run: started ")
                .append(env.started())
                .append(", finished ")
                .append(env.finished())
                .append(String.format(
                        Locale.ROOT,
                        " (%.0f minutes of measuring)",
                        env.runs().stream().mapToDouble(SourceRun::seconds).sum() / 60))
                .append(", commit ")
                .append(env.commit())
                .append(".\n");
        if (!demoSettings.isEmpty()) {
            out.append("- Demo: ");
            final StringBuilder settings = new StringBuilder();
            demoSettings.forEach((key, value) -> settings.append(settings.isEmpty() ? "" : ", ")
                    .append(key)
                    .append(' ')
                    .append(value));
            out.append(settings).append(".\n");
        }
        out.append("\n| source | command | exit | minutes | problem |\n|---|---|---|---|---|\n");
        for (final SourceRun run : env.runs()) {
            out.append("| ")
                    .append(run.name())
                    .append(" | `")
                    .append(cell(run.command()))
                    .append("` | ")
                    .append(run.exit())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", run.seconds() / 60))
                    .append(" | ")
                    .append(run.problem().isEmpty() ? "—" : cell(run.problem()))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static String ratio(final PairedRow row) {
        final String median = Numbers.format(row.ratio());
        if (row.row().target().kind() != Target.Kind.RATIO_IN_EVERY_RUN || row.weft() == null || row.anchor() == null) {
            return median;
        }
        final List<Double> runs = Pairing.runRatios(row.weft(), row.anchor());
        if (runs.isEmpty()) {
            return median;
        }
        final StringBuilder text = new StringBuilder(median).append(" (runs: ");
        for (int i = 0; i < runs.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(Numbers.format(runs.get(i)));
        }
        return text.append(')').toString();
    }

    private static String figure(final Figure figure, final String missing) {
        return figure == null ? missing : figure.render() + (figure.unit().isEmpty() ? "" : " " + figure.unit());
    }

    private static String cell(final String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }

    private static String first(final String load) {
        final String[] fields = load.trim().split("\\s+");
        return fields[0];
    }

    private static double firstLoad(final String load) {
        try {
            return Numbers.parse(first(load));
        } catch (final NumberFormatException e) {
            return 0;
        }
    }

    private static String percent(final double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
