package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScalingTest {

    private static Environment env(final int cpus) {
        return new Environment(
                "2026-12-08T00:00:00Z",
                "2026-12-08T00:07:00Z",
                "AMD EPYC",
                cpus,
                "128 GiB",
                "6.1",
                "OpenJDK 25",
                "-f 1 -wi 3 -i 5 -w 1s -r 1s",
                false,
                "0.1 0.1 0.1",
                "0.1 0.1 0.1",
                0.0,
                "abc1234",
                List.of(new SourceRun("scaling-fib", "jmh", 0, 60, "")));
    }

    private static Measurement result(final String name, final Map<String, String> params, final double score) {
        return new Measurement(
                name, "avgt", 1, new TreeMap<>(params), Map.of("score", Figure.of(score, "ms/op")), "-f 1", "cmd");
    }

    @Test
    void workerCountsArePowersOfTwoUpToTheCpusAndTheCpuCountItself() {
        assertThat(Scaling.workerCounts(1)).containsExactly(1);
        assertThat(Scaling.workerCounts(2)).containsExactly(1, 2);
        assertThat(Scaling.workerCounts(12)).containsExactly(1, 2, 4, 8, 12);
        assertThat(Scaling.workerCounts(16)).containsExactly(1, 2, 4, 8, 16);
        assertThat(Scaling.workerCounts(64)).as("capped at 16").containsExactly(1, 2, 4, 8, 16);
        assertThatThrownBy(() -> Scaling.workerCounts(0)).hasMessageContaining("at least 1 CPU, not 0");
    }

    @Test
    void theSourcesMeasureFib35AndT1lAtEveryCountAndTheDispatchPass() {
        final List<Source> sources = Scaling.sources(List.of(1, 2, 4));
        assertThat(sources).extracting(Source::name).containsExactly("scaling-fib", "scaling-uts", "scaling-dispatch");
        assertThat(sources.get(0).display(false, Plan.JMH_FULL))
                .contains("FibBenchmark.(weftForkJoinLong|forkJoinPool)$' -p n=35 -p workers=1,2,4");
        assertThat(sources.get(1).display(false, Plan.JMH_FULL))
                .contains("-p tree=T1L -p workers=1,2,4 -jvmArgsAppend -Xss256m -wi 0 -i 1 -f 1 -w 1s -r 1s");
        assertThat(sources.get(1).display(true, Plan.JMH_QUICK)).contains("-p tree=T1 -p workers=1,2,4");
    }

    @Test
    void eachCurveGivesTheRatioAndEachSidesSpeedUpOverItsOwnOneWorkerTime() {
        final List<Measurement> measurements = List.of(
                result("fork.FibBenchmark.weftForkJoinLong", Map.of("n", "35", "workers", "1"), 200),
                result("fork.FibBenchmark.weftForkJoinLong", Map.of("n", "35", "workers", "2"), 100),
                result("fork.FibBenchmark.forkJoinPool", Map.of("n", "35", "workers", "1"), 250),
                result("fork.FibBenchmark.forkJoinPool", Map.of("n", "35", "workers", "2"), 125),
                result("reactor.DispatchBenchmark.pass", Map.of("loop", "weft", "tasklets", "16"), 90),
                result("reactor.DispatchBenchmark.pass", Map.of("loop", "agrona", "tasklets", "16"), 60),
                result("reactor.DispatchBenchmark.pass", Map.of("loop", "weft", "tasklets", "256"), 600));
        final String md = Scaling.render(env(2), measurements);
        assertThat(md)
                .contains("on 2 CPUs (AMD EPYC, OpenJDK 25)")
                .contains("This machine has 2 CPUs, so the curves stop at 2 workers.")
                .contains("| 1 | 200 ms/op | 250 ms/op | 0.8 | 1 | 1 |")
                .contains("| 2 | 100 ms/op | 125 ms/op | 0.8 | 2 | 2 |")
                .contains("## UTS T1L (102 M nodes), 256 MiB stacks against ForkJoinPool\n\nNot measured in this run.")
                .contains("| 16 | 90 ms/op | 60 ms/op | 1.50 |")
                .contains("| 256 | 600 ms/op | did not run | — |");
        assertThat(Scaling.render(env(16), measurements)).doesNotContain("curves stop");
    }

    @Test
    void theReportCopiesTheCurvesOrSaysNoneIsRecorded() {
        final Pairing.Result nothing = Pairing.pair(List.of(), List.of());
        final String without = MarkdownReport.render(env(2), nothing, Map.of(), "", "");
        assertThat(without).contains("## Scaling\n\nNo scaling run is recorded.");
        final String curves = Scaling.render(
                env(16), List.of(result("fork.FibBenchmark.weftForkJoinLong", Map.of("workers", "1"), 200)));
        final String with = MarkdownReport.render(env(2), nothing, Map.of(), "", curves);
        assertThat(with)
                .contains("Copied from `docs/SCALING.md`")
                .contains("### fib(35), textbook fork/join, weft's primitive fork against ForkJoinPool")
                .doesNotContain("# weft scaling curves");
    }
}
