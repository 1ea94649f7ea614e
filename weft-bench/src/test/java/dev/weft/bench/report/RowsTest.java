package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

    private static String repositoryFile(final String name) throws IOException {
        final Path inModule = Path.of("..", name);
        return Files.readString(Files.isRegularFile(inModule) ? inModule : Path.of(name), StandardCharsets.UTF_8);
    }

    @Test
    void everyExplanationNamesAnEntryOfTheDecisions() throws IOException {
        final Set<String> headings = repositoryFile("docs/DECISIONS.md")
                .lines()
                .filter(line -> line.startsWith("## "))
                .map(line -> line.substring(3))
                .collect(Collectors.toSet());
        for (final Row row : Rows.all()) {
            if (!row.explanation().isEmpty()) {
                assertThat(headings).as(row.what()).contains(row.explanation());
            }
        }
    }

    @Test
    void everyTargetMissedInTheCommittedReportHasAnExplanation() throws IOException {
        final Map<String, Row> byWhat = new HashMap<>();
        Rows.all().forEach(row -> byWhat.put(row.what(), row));
        final List<String> unexplained = repositoryFile("docs/PERFORMANCE.md")
                .lines()
                .filter(line -> line.startsWith("| ") && line.contains("| **missed** |"))
                .map(line -> line.split(" \\| ")[2])
                .filter(what -> byWhat.containsKey(what)
                        && byWhat.get(what).explanation().isEmpty())
                .toList();
        assertThat(unexplained).isEmpty();
    }

    @Test
    void anExplanationLinksToGitHubsAnchorOfItsHeading() {
        assertThat(Decisions.anchor("2026-12-07: The delayed-task lead of `ForkExecutorService` is a setting"))
                .isEqualTo("2026-12-07-the-delayed-task-lead-of-forkexecutorservice-is-a-setting");
        assertThat(Decisions.anchor("2026-12-07: `/proc/stat` for `framework_get_reactors`: read by the request"))
                .isEqualTo("2026-12-07-procstat-for-framework_get_reactors-read-by-the-request");
    }
}
