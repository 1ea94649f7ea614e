package dev.weft.bench.report;

import static dev.weft.bench.report.SelectorTest.jmh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairingTest {

    private static Row row(final String weft, final String anchor, final Direction direction, final Target target) {
        return new Row(
                "test",
                "what",
                anchor == null ? "" : "anchor",
                Selector.parse(weft),
                Optional.ofNullable(anchor).map(Selector::parse),
                direction,
                target);
    }

    private static Measurement time(final String name, final double score) {
        return jmh(name, "avgt", 1, Map.of(), score);
    }

    private static PairedRow only(final Row row, final Measurement... measurements) {
        return Pairing.pair(List.of(row), List.of(measurements)).rows().getFirst();
    }

    @Test
    void ratioIsWeftOverAnchorAndALowerIsBetterRatioTargetIsACeiling() {
        final Row row = row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.ratio(1.1));
        final PairedRow met = only(row, time("a.B.weft", 105), time("a.B.anchor", 100));
        assertThat(met.ratio()).isCloseTo(1.05, within(1e-12));
        assertThat(met.status()).isEqualTo(PairedRow.Status.MET);
        assertThat(met.weft().value()).isEqualTo(105);
        assertThat(met.anchor().value()).isEqualTo(100);
        assertThat(met.note()).isEmpty();
        assertThat(only(row, time("a.B.weft", 120), time("a.B.anchor", 100)).status())
                .isEqualTo(PairedRow.Status.MISSED);
        assertThat(only(row, time("a.B.weft", 110), time("a.B.anchor", 100)).status())
                .as("the bound itself is met")
                .isEqualTo(PairedRow.Status.MET);
    }

    @Test
    void aHigherIsBetterTargetIsAFloorForRatiosAndFigures() {
        final Row work = row("b.dynamic metric=work", "b.static metric=work", Direction.HIGHER, Target.ratio(0.95));
        final Measurement dynamic = Measurement.plain("b.dynamic", Map.of("work", Figure.of(96, "units")), "c");
        final Measurement stat = Measurement.plain("b.static", Map.of("work", Figure.of(100, "units")), "c");
        assertThat(only(work, dynamic, stat).status()).isEqualTo(PairedRow.Status.MET);
        final Measurement less = Measurement.plain("b.dynamic", Map.of("work", Figure.of(90, "units")), "c");
        assertThat(only(work, less, stat).status()).isEqualTo(PairedRow.Status.MISSED);

        final Row rate = row("p.T.tasks", null, Direction.HIGHER, Target.figure(5000));
        assertThat(only(rate, time("p.T.tasks", 6000)).status()).isEqualTo(PairedRow.Status.MET);
        assertThat(only(rate, time("p.T.tasks", 4999)).status()).isEqualTo(PairedRow.Status.MISSED);
    }

    @Test
    void aFigureTargetIgnoresTheAnchor() {
        final Row row = row("p.weft metric=p50", "p.anchor metric=p50", Direction.LOWER, Target.figure(300));
        final Measurement weft = Measurement.plain("p.weft", Map.of("p50", Figure.of(250, "us")), "c");
        final Measurement anchor = Measurement.plain("p.anchor", Map.of("p50", Figure.of(100, "us")), "c");
        final PairedRow paired = only(row, weft, anchor);
        assertThat(paired.status()).isEqualTo(PairedRow.Status.MET);
        assertThat(paired.ratio()).isEqualTo(2.5);
    }

    @Test
    void aRowWithoutTargetIsContext() {
        final Row row = row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.none());
        assertThat(only(row, time("a.B.weft", 500), time("a.B.anchor", 1)).status())
                .isEqualTo(PairedRow.Status.NO_TARGET);
    }

    @Test
    void aRowWhoseBenchmarkDidNotRunSaysSo() {
        final Row row = row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.ratio(1.0));
        final PairedRow paired = only(row, time("a.B.anchor", 100));
        assertThat(paired.status()).isEqualTo(PairedRow.Status.NOT_RUN);
        assertThat(paired.weft()).isNull();
        assertThat(paired.anchor().value()).isEqualTo(100);
        assertThat(paired.ratio()).isNaN();
        assertThat(paired.note()).contains("no result matches \"a.B.weft metric=score\"");
        assertThat(paired.command()).isEmpty();
    }

    @Test
    void aMissingAnchorLeavesARatioTargetUnjudgedButAFigureTargetJudged() {
        final PairedRow ratio =
                only(row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.ratio(1.0)), time("a.B.weft", 100));
        assertThat(ratio.status()).isEqualTo(PairedRow.Status.ANCHOR_NOT_RUN);
        assertThat(ratio.note()).startsWith("anchor: no result matches");
        final PairedRow figure =
                only(row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.figure(200)), time("a.B.weft", 100));
        assertThat(figure.status()).isEqualTo(PairedRow.Status.MET);
        assertThat(figure.ratio()).isNaN();
    }

    @Test
    void aZeroAnchorGivesNoRatioAndMissesARatioTarget() {
        final PairedRow paired = only(
                row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.ratio(1.0)),
                time("a.B.weft", 1),
                time("a.B.anchor", 0));
        assertThat(paired.ratio()).isNaN();
        assertThat(paired.status()).isEqualTo(PairedRow.Status.MISSED);
    }

    @Test
    void ambiguousSelectorsAndMissingMetricsGiveNoFigure() {
        final Row row = row("a.B.weft", null, Direction.LOWER, Target.none());
        final PairedRow ambiguous = only(
                row, jmh("a.B.weft", "avgt", 1, Map.of("n", "1"), 1), jmh("a.B.weft", "avgt", 1, Map.of("n", "2"), 2));
        assertThat(ambiguous.status()).isEqualTo(PairedRow.Status.NOT_RUN);
        assertThat(ambiguous.note()).contains("2 results match");
        final PairedRow noMetric =
                only(row("a.B.weft metric=p99", null, Direction.LOWER, Target.none()), time("a.B.weft", 1));
        assertThat(noMetric.status()).isEqualTo(PairedRow.Status.NOT_RUN);
        assertThat(noMetric.note()).contains("has no metric p99 (it has score)");
    }

    @Test
    void measurementsNoRowNamesAreReturnedUnpairedInRunOrder() {
        final Row row = row("a.B.weft", "a.B.anchor", Direction.LOWER, Target.none());
        final Measurement stranger = time("a.New.thing", 3);
        final Measurement other = Measurement.plain("idle.new-scenario", Map.of(), "c");
        final Pairing.Result result =
                Pairing.pair(List.of(row), List.of(stranger, time("a.B.weft", 1), time("a.B.anchor", 2), other));
        assertThat(result.unpaired()).containsExactly(stranger, other);
    }

    @Test
    void twoJmhFiguresWithTheSameSettingsAreReproducedByOneCommand() {
        final Row row = row("f.Fib.weft", "f.Fib.fjp", Direction.LOWER, Target.none());
        final PairedRow paired = only(
                row,
                jmh("f.Fib.weft", "avgt", 1, Map.of("workers", "2"), 1),
                jmh("f.Fib.fjp", "avgt", 1, Map.of("workers", "2"), 2));
        assertThat(paired.command())
                .isEqualTo(Reproduce.JMH + " 'dev.weft.bench.f.Fib.(weft|fjp)$' -p workers=2 -bm avgt -f 1");
    }

    private static Measurement forks(final String name, final Double... runs) {
        return new Measurement(
                name,
                "avgt",
                1,
                new java.util.TreeMap<>(),
                Map.of("score", new Figure(Numbers.median(List.of(runs)), Double.NaN, "ms/op", List.of(runs))),
                "-f " + runs.length,
                "cmd " + name);
    }

    @Test
    void anEveryRunTargetJudgesEachForkAgainstTheAnchorsForkOfTheSameIndex() {
        final Row row = row("f.Fib.weft", "f.Fib.fjp", Direction.LOWER, Target.ratioInEveryRun(0.8, 3));
        final PairedRow met = only(row, forks("f.Fib.weft", 7.0, 8.0, 9.0), forks("f.Fib.fjp", 10.0, 10.0, 12.0));
        assertThat(met.status()).isEqualTo(PairedRow.Status.MET);
        assertThat(met.ratio()).isCloseTo(0.8, within(1e-9));
        assertThat(Pairing.runRatios(met.weft(), met.anchor())).containsExactly(0.7, 0.8, 0.75);
        assertThat(met.note()).isEmpty();

        final PairedRow oneSlowRun =
                only(row, forks("f.Fib.weft", 7.0, 8.0, 9.0), forks("f.Fib.fjp", 10.0, 12.0, 10.0));
        assertThat(oneSlowRun.ratio()).as("the medians alone would meet it").isLessThanOrEqualTo(0.8);
        assertThat(oneSlowRun.status()).isEqualTo(PairedRow.Status.MISSED);
    }

    @Test
    void anEveryRunTargetWithTooFewRunsIsMissedAndSaysWhy() {
        final Row row = row("f.Fib.weft", "f.Fib.fjp", Direction.LOWER, Target.ratioInEveryRun(0.8, 3));
        final PairedRow two = only(row, forks("f.Fib.weft", 1.0, 1.0), forks("f.Fib.fjp", 10.0, 10.0));
        assertThat(two.status()).isEqualTo(PairedRow.Status.MISSED);
        assertThat(two.note()).contains("needs 3 runs on each side").contains("had 2 for weft and 2 for the anchor");
        final PairedRow single = only(row, time("f.Fib.weft", 1), time("f.Fib.fjp", 10));
        assertThat(single.status()).isEqualTo(PairedRow.Status.MISSED);
        assertThat(single.note()).contains("had 0 for weft and 0 for the anchor");
    }

    @Test
    void rowsCheckTheirOwnConsistency() {
        assertThatThrownBy(() -> row("a.B.weft", null, Direction.LOWER, Target.ratio(1.0)))
                .hasMessageContaining("a ratio target needs an anchor");
        assertThatThrownBy(() -> new Row(
                        "x",
                        "y",
                        "",
                        Selector.parse("a"),
                        Optional.of(Selector.parse("b")),
                        Direction.LOWER,
                        Target.none()))
                .hasMessageContaining("name the anchor");
        assertThatThrownBy(() -> Target.ratio(Double.NaN)).hasMessageContaining("finite bound");
        assertThatThrownBy(() -> Target.ratioInEveryRun(0.8, 1)).hasMessageContaining("at least 2 runs, not 1");
        assertThatThrownBy(() -> row("a.B.weft", null, Direction.LOWER, Target.ratioInEveryRun(0.8, 3)))
                .hasMessageContaining("a ratio target needs an anchor");
        assertThat(Target.ratioInEveryRun(0.8, 3).render(Direction.LOWER, "ms/op"))
                .isEqualTo("ratio ≤ 0.8 in each of 3 runs");
    }
}
