package dev.weft.bench.report;

import static dev.weft.bench.report.SelectorTest.jmh;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static Environment env(final String loadBefore, final boolean quick) {
        return env(loadBefore, Double.NaN, quick);
    }

    private static Environment env(final String loadBefore, final double othersCpuShare, final boolean quick) {
        return new Environment(
                "2026-11-22T09:00:00Z",
                "2026-11-22T09:30:00Z",
                "AMD EPYC",
                2,
                "7.8 GiB",
                "6.1",
                "OpenJDK 25",
                "-f 1 -wi 3 -i 5 -w 1s -r 1s",
                quick,
                loadBefore,
                "0.10 0.10 0.10",
                othersCpuShare,
                "abc1234",
                List.of(
                        new SourceRun("jmh-all", "java -jar x 'a|b'", 0, 600, ""),
                        new SourceRun("demo", "./weft demo --json", 1, 30, "exit 1: java.lang.IllegalStateException")));
    }

    private static Row fibRow(final String what, final Target target) {
        return new Row(
                "fork",
                what,
                "ForkJoinPool",
                Selector.parse("f.Fib.weft"),
                Optional.of(Selector.parse("f.Fib.fjp")),
                Direction.LOWER,
                target);
    }

    private static Pairing.Result result() {
        final List<Row> rows = List.of(
                fibRow("fib", Target.ratio(1.0)),
                new Row(
                        "fork",
                        "uts",
                        "ForkJoinPool",
                        Selector.parse("f.Uts.weft"),
                        Optional.of(Selector.parse("f.Uts.fjp")),
                        Direction.LOWER,
                        Target.ratio(1.0)),
                new Row(
                        "process",
                        "rate",
                        "",
                        Selector.parse("p.T.tasks"),
                        Optional.empty(),
                        Direction.HIGHER,
                        Target.figure(5000)));
        return Pairing.pair(
                rows,
                List.of(
                        jmh("f.Fib.weft", "avgt", 1, Map.of(), 80),
                        jmh("f.Fib.fjp", "avgt", 1, Map.of(), 100),
                        jmh("p.T.tasks", "avgt", 1, Map.of(), 4000),
                        jmh("x.New.bench", "avgt", 1, Map.of("k", "v"), 7)));
    }

    @Test
    void rendersOneTableRowPerRowWithFiguresRatioTargetVerdictAndCommand() {
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of(), "");
        assertThat(md)
                .contains("| # | area | what is measured | anchor (same run) | weft | anchor | weft ÷ anchor "
                        + "| target | met / missed | reproduce |");
        assertThat(md)
                .contains("| 1 | fork | fib | ForkJoinPool | 80 ns/op | 100 ns/op | 0.8 | ratio ≤ 1 | met | `"
                        + Reproduce.JMH + " 'dev.weft.bench.f.Fib.(weft\\|fjp)$' -bm avgt -f 1` |");
        assertThat(md).contains("| 3 | process | rate | — | 4000 ns/op | — | — | ≥ 5000 ns/op | **missed** |");
        assertThat(md)
                .contains("3 rows: 1 met, 1 missed, 0 without a target (context), 1 did not run, 0 with no "
                        + "anchor figure; 1 measurements with no pairing.");
    }

    @Test
    void aRowThatDidNotRunSaysSoWithTheReason() {
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of(), "");
        assertThat(md)
                .contains("| 2 | fork | uts | ForkJoinPool | did not run | did not run | — | ratio ≤ 1 "
                        + "| did not run | — |");
        assertThat(md).contains("- Row 2 (uts): weft: no result matches \"f.Uts.weft metric=score\".");
    }

    private static Measurement threeForks(final String name, final double median, final List<Double> runs) {
        return new Measurement(
                name,
                "avgt",
                1,
                new java.util.TreeMap<>(),
                Map.of("score", new Figure(median, 0.5, "ms/op", runs)),
                "-f 3",
                "cmd");
    }

    @Test
    void anEveryRunRowListsEachRunsRatioAndTheReportSaysHowForksAreRead() {
        final Row row = fibRow("fib, 2 workers", Target.ratioInEveryRun(0.8, 3));
        final Pairing.Result result = Pairing.pair(
                List.of(row),
                List.of(
                        threeForks("f.Fib.weft", 8, List.of(7.0, 8.0, 9.0)),
                        threeForks("f.Fib.fjp", 10, List.of(10.0, 10.0, 12.0))));
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result, Map.of(), "");
        assertThat(md)
                .contains("| 0.8 (runs: 0.7, 0.8, 0.75) | ratio ≤ 0.8 in each of 3 runs | met |")
                .contains("the median of the forks' means");
    }

    @Test
    void eachMissedTargetCitesTheEntryThatExplainsItOrSaysThereIsNone() {
        final Row explained = fibRow("fib", Target.ratio(0.5)).explainedBy("2026-12-07: Where fib's time goes");
        final Row bare = new Row(
                "process",
                "rate",
                "",
                Selector.parse("p.T.tasks"),
                Optional.empty(),
                Direction.HIGHER,
                Target.figure(5000));
        final Pairing.Result result = Pairing.pair(
                List.of(explained, bare),
                List.of(
                        jmh("f.Fib.weft", "avgt", 1, Map.of(), 80),
                        jmh("f.Fib.fjp", "avgt", 1, Map.of(), 100),
                        jmh("p.T.tasks", "avgt", 1, Map.of(), 4000)));
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result, Map.of(), "");
        assertThat(md)
                .contains("## Missed targets")
                .contains("- Row 1 (fib): 0.8 against ratio ≤ 0.5. Where its time goes: [2026-12-07: Where fib's "
                        + "time goes](DECISIONS.md#2026-12-07-where-fibs-time-goes).")
                .contains("- Row 2 (rate): 4000 ns/op against ≥ 5000 ns/op. No measurement of where its time goes is "
                        + "recorded yet.");
    }

    @Test
    void listsUnknownMeasurementsAsNoPairing() {
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of(), "");
        assertThat(md).contains("| x.New.bench mode=avgt k=v (no pairing) | score 7 ns/op | `cmd x.New.bench{k=v}` |");
    }

    @Test
    void statesTheEnvironmentAndEachSourcesOutcome() {
        final String md = MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of("sessions", "8"), "");
        assertThat(md)
                .contains("- Machine: AMD EPYC, 2 CPUs, 7.8 GiB memory, Linux 6.1.")
                .contains("- JDK: OpenJDK 25.")
                .contains("- JMH: `-f 1 -wi 3 -i 5 -w 1s -r 1s`")
                .contains("- Load average (1, 5, 15 min): 0.2 0.2 0.2 before, 0.10 0.10 0.10 after (the run's own "
                        + "benchmarks count in it).")
                .doesNotContain("Other processes and steal while measuring")
                .contains("started 2026-11-22T09:00:00Z, finished 2026-11-22T09:30:00Z (11 minutes of measuring), "
                        + "commit abc1234")
                .contains("- Demo: sessions 8.")
                .contains("| jmh-all | `java -jar x 'a\\|b'` | 0 | 10.0 | — |")
                .contains("| demo | `./weft demo --json` | 1 | 0.5 | exit 1: java.lang.IllegalStateException |");
        assertThat(MarkdownReport.render(env("0.2 0.2 0.2", 0.0123, false), result(), Map.of(), ""))
                .contains("- Other processes and steal while measuring: 1.2 % of the machine's CPU time (the run's "
                        + "own benchmarks excluded).");
    }

    @Test
    void warnsPlainlyWhenTheMachineWasLoadedOrANoteIsGiven() {
        assertThat(MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of(), ""))
                .doesNotContain("Noisy figures")
                .doesNotContain("Quick run");
        final String loaded = MarkdownReport.render(env("7.50 6.0 5.0", false), result(), Map.of(), "");
        assertThat(loaded)
                .contains("> **Noisy figures.** The machine was loaded: one-minute load average 7.50 "
                        + "before and 0.10 after the run, on 2 CPUs.")
                .contains("regenerated on a quiet machine");
        assertThat(MarkdownReport.render(env("0.2 0.2 0.2", false), result(), Map.of(), "A shared VM."))
                .contains("> **Noisy figures.** A shared VM. Other work");
    }

    @Test
    void judgesLoadByOtherProcessesCpuShareWhenItIsKnownNotByTheLoadAverage() {
        assertThat(MarkdownReport.render(env("7.50 6.0 5.0", 0.049, false), result(), Map.of(), ""))
                .as("a high load average of the run's own benchmarks, 4.9 %% taken by others")
                .doesNotContain("Noisy figures");
        assertThat(MarkdownReport.render(env("0.2 0.2 0.2", 0.051, false), result(), Map.of(), ""))
                .contains("> **Noisy figures.** The machine was loaded: other processes and steal took 5.1 % of its "
                        + "CPU time while the run measured (more than 5.0 %).")
                .doesNotContain("load average 0.2");
    }

    @Test
    void marksAQuickRun() {
        assertThat(MarkdownReport.render(env("0.2 0.2 0.2", true), result(), Map.of(), ""))
                .contains("`bench/report --quick`")
                .contains("> **Quick run.**");
    }
}
