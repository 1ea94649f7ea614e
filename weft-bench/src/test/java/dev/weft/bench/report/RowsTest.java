package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowsTest {

    @Test
    void everyRowIsWellFormedAndDistinct() {
        final List<Row> rows = Rows.all();
        assertThat(rows).isNotEmpty();
        final Set<String> seen = new HashSet<>();
        for (final Row row : rows) {
            assertThat(row.area()).isIn("fork", "reactor", "platform", "balance", "process", "rpc", "demo", "vthreads");
            assertThat(row.anchor().filter(row.weft()::equals)).as(row.what()).isEmpty();
            assertThat(seen.add(row.weft() + " / " + row.anchor()))
                    .as("duplicate row " + row.what())
                    .isTrue();
        }
    }

    @Test
    void everyAreaOfTheIssuesHasARowWithATarget() {
        assertThat(Rows.all().stream()
                        .filter(r -> r.target().kind() != Target.Kind.NONE)
                        .map(Row::area)
                        .distinct())
                .containsExactlyInAnyOrder("fork", "reactor", "balance", "process", "rpc", "demo", "vthreads");
    }

    @Test
    void everyRowSourceIsInThePlan() {
        final Set<String> prefixes = Set.of(
                "fork.",
                "reactor.",
                "platform.",
                "process.",
                "rpc.",
                "idle.",
                "balance.",
                "process-latency.",
                "dispatch-cpu.",
                "rpc-serve-cpu",
                "rpc-reactor-throughput",
                "demo.",
                "vthread-echo.");
        assertThat(Rows.all())
                .allMatch(r -> prefixes.stream().anyMatch(p -> r.weft().name().startsWith(p)));
        assertThat(Plan.sources()).extracting(Source::kind).contains(Source.Kind.values());
    }
}
