package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    private final List<Measurement> results = JmhJson.parse(Resources.text("jmh-sample.json"));

    @Test
    void readsEveryResultWithShortNamesModesAndParameters() {
        assertThat(results)
                .extracting(Measurement::label)
                .containsExactly(
                        "platform.CurrentCpuBenchmark.ffm mode=avgt",
                        "platform.CurrentCpuBenchmark.procfs mode=avgt",
                        "reactor.TimerSlackBenchmark.sleep300us mode=sample slackNanos=50000",
                        "reactor.TimerSlackBenchmark.sleep300us mode=sample slackNanos=1000");
        assertThat(results.getFirst().threads()).isEqualTo(1);
    }

    @Test
    void averageTimeHasScoreAndUnitButNoLatencyPercentiles() {
        final Measurement ffm = results.getFirst();
        assertThat(ffm.metrics()).containsOnlyKeys("score");
        assertThat(ffm.metrics().get("score").value()).isCloseTo(28.4621, within(1e-3));
        assertThat(ffm.metrics().get("score").unit()).isEqualTo("ns/op");
        assertThat(ffm.metrics().get("score").error())
                .as("JMH's \"NaN\" string")
                .isNaN();
    }

    @Test
    void sampleModeGivesPercentilesAndErrorButNotTheSecondaryPercentileCopies() {
        final Measurement slack = results.get(3);
        assertThat(slack.metrics())
                .containsKeys("score", "min", "p50", "p90", "p99", "p99.9", "max")
                .doesNotContainKey("p0.50");
        assertThat(slack.metrics().get("p50").value()).isCloseTo(344.064, within(1e-6));
        assertThat(slack.metrics().get("p99").value()).isCloseTo(6001.1315, within(1e-3));
        assertThat(slack.metrics().get("score").error()).isCloseTo(293.556, within(1e-3));
        assertThat(slack.metrics().get("p99").unit()).isEqualTo("us/op");
    }

    @Test
    void keepsTheSettingsAndAReproducingCommand() {
        final Measurement slack = results.get(3);
        assertThat(slack.settings()).isEqualTo("-f 1 -wi 1 -i 1 -w 1s -r 1s");
        assertThat(slack.isJmh()).isTrue();
        assertThat(slack.command())
                .isEqualTo(Reproduce.JMH
                        + " 'dev.weft.bench.reactor.TimerSlackBenchmark.sleep300us$' -p slackNanos=1000 -bm sample"
                        + " -f 1 -wi 1 -i 1 -w 1s -r 1s");
    }

    @Test
    void readsThreadsAndSecondaryMetrics() {
        final String json = """
                [{"benchmark": "dev.weft.bench.rpc.RpcRequestBenchmark.request", "mode": "thrpt", "threads": 16,
                  "forks": 1, "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 5,
                  "measurementTime": "1 s", "params": {"method": "raw_echo"},
                  "primaryMetric": {"score": 41.5, "scoreError": 2.5, "scoreUnit": "ops/ms"},
                  "secondaryMetrics": {"passes": {"score": 12.0, "scoreError": "NaN", "scoreUnit": "#"}}}]
                """;
        final Measurement echo = JmhJson.parse(json).getFirst();
        assertThat(echo.threads()).isEqualTo(16);
        assertThat(echo.metrics().get("score")).isEqualTo(new Figure(41.5, 2.5, "ops/ms"));
        assertThat(echo.metrics().get("passes").value()).isEqualTo(12.0);
        assertThat(echo.command()).contains("-bm thrpt -t 16 -f 1 -wi 3 -i 5 -w 1s -r 1s");
    }

    @Test
    void severalForksGiveTheMedianOfTheForksMeansAndKeepEachAsARun() {
        final String json = """
                [{"benchmark": "dev.weft.bench.fork.FibBenchmark.weftForkJoinLong", "mode": "avgt", "threads": 1,
                  "forks": 3, "warmupIterations": 3, "warmupTime": "1 s", "measurementIterations": 2,
                  "measurementTime": "1 s", "params": {"workers": "2"},
                  "primaryMetric": {"score": 10.0, "scoreError": 1.5, "scoreUnit": "ms/op",
                                    "rawData": [[9.0, 11.0], [20.0, 20.0], [8.0, 9.0]]}}]
                """;
        final Measurement fib = JmhJson.parse(json).getFirst();
        final Figure score = fib.metrics().get("score");
        assertThat(score.runs()).containsExactly(10.0, 20.0, 8.5);
        assertThat(score.value()).as("the median fork, not JMH's mean of 12.8").isEqualTo(10.0);
        assertThat(score.error()).isEqualTo(1.5);
        assertThat(fib.command()).contains("-f 3 -wi 3 -i 2");
    }

    @Test
    void oneForkKeepsJmhsScoreAndNoRuns() {
        final String json = """
                [{"benchmark": "dev.weft.bench.fork.FibBenchmark.sequential", "mode": "avgt", "forks": 1,
                  "primaryMetric": {"score": 2.5, "scoreError": 0.1, "scoreUnit": "ms/op",
                                    "rawData": [[2.0, 3.0]]}}]
                """;
        final Figure score = JmhJson.parse(json).getFirst().metrics().get("score");
        assertThat(score).isEqualTo(new Figure(2.5, 0.1, "ms/op"));
        assertThat(score.runs()).isEmpty();
    }

    @Test
    void anEmptyFileMeansNothingRan() {
        assertThat(JmhJson.parse("")).isEmpty();
        assertThat(JmhJson.parse("[]")).isEmpty();
    }

    @Test
    void rejectsWhatIsNotJmhJsonWithAClearMessage() {
        assertThatThrownBy(() -> JmhJson.parse("{\"benchmark\": 1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> JmhJson.parse("[{\"mode\": \"avgt\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"benchmark\"");
        assertThatThrownBy(() -> JmhJson.parse("[{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JmhJson.parse("[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primaryMetric");
    }
}
