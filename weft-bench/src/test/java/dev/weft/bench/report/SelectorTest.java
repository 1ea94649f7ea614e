package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SelectorTest {

    static Measurement jmh(
            final String name,
            final String mode,
            final int threads,
            final Map<String, String> params,
            final double score) {
        return new Measurement(
                name,
                mode,
                threads,
                new TreeMap<>(params),
                Map.of("score", Figure.of(score, "ns/op")),
                "-f 1",
                "cmd " + name + params);
    }

    @Test
    void parsesNameReservedKeysAndParameters() {
        final Selector selector =
                Selector.parse("rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99");
        assertThat(selector.name()).isEqualTo("rpc.RpcRequestBenchmark.request");
        assertThat(selector.mode()).isEqualTo("sample");
        assertThat(selector.threads()).isEqualTo(16);
        assertThat(selector.metric()).isEqualTo("p99");
        assertThat(selector.params()).containsExactly(Map.entry("method", "raw_echo"));
        assertThat(Selector.parse("idle.weft-sleep").metric()).isEqualTo("score");
    }

    @Test
    void rejectsMalformedSpecsNamingTheToken() {
        assertThatThrownBy(() -> Selector.parse("  ")).hasMessageContaining("must start with a measurement name");
        assertThatThrownBy(() -> Selector.parse("mode=avgt")).hasMessageContaining("must start with");
        assertThatThrownBy(() -> Selector.parse("a.B.c workers")).hasMessageContaining("\"workers\" is not key=value");
        assertThatThrownBy(() -> Selector.parse("a.B.c workers=")).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> Selector.parse("a.B.c threads=0")).hasMessageContaining("threads=0");
    }

    @Test
    void matchesOnNameModeAndTheNamedParametersOnly() {
        final Measurement fib = jmh("fork.FibBenchmark.forkJoinPool", "avgt", 1, Map.of("n", "30", "workers", "2"), 1);
        assertThat(Selector.parse("fork.FibBenchmark.forkJoinPool workers=2").matches(fib))
                .isTrue();
        assertThat(Selector.parse("fork.FibBenchmark.forkJoinPool workers=1").matches(fib))
                .isFalse();
        assertThat(Selector.parse("fork.FibBenchmark.forkJoinPool mode=sample").matches(fib))
                .isFalse();
        assertThat(Selector.parse("fork.FibBenchmark.forkJoin").matches(fib)).isFalse();
        assertThat(Selector.parse("fork.FibBenchmark.forkJoin*").matches(fib)).isTrue();
        assertThat(Selector.parse("fork.FibBenchmark.forkJoinPool grain=4").matches(fib))
                .isFalse();
    }

    @Test
    void withoutThreadsOnlySingleThreadedResultsMatch() {
        final Measurement one = jmh("rpc.R.request", "thrpt", 1, Map.of(), 1);
        final Measurement sixteen = jmh("rpc.R.request", "thrpt", 16, Map.of(), 1);
        final Measurement main = Measurement.plain("rpc.R.request", Map.of(), "cmd");
        assertThat(Selector.parse("rpc.R.request").matches(one)).isTrue();
        assertThat(Selector.parse("rpc.R.request").matches(main)).isTrue();
        assertThat(Selector.parse("rpc.R.request").matches(sixteen)).isFalse();
        assertThat(Selector.parse("rpc.R.request threads=16").matches(sixteen)).isTrue();
        assertThat(Selector.parse("rpc.R.request threads=16").matches(one)).isFalse();
    }
}
