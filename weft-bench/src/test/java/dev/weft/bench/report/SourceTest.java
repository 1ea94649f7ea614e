package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceTest {

    private static final Source LARGE = new Source(
            "jmh-large",
            Source.Kind.JMH,
            "dev.weft.bench.fork.UtsBenchmark.",
            List.of("-p", "tree=T3L", "-wi", "0", "-i", "2"),
            List.of("-p", "tree=T3L"));

    @Test
    void aSourcesOwnIterationsReplaceTheRunsSettings() {
        assertThat(LARGE.settingsFor(false, Plan.JMH_FULL)).containsExactly("-f", "1", "-w", "1s", "-r", "1s");
        assertThat(LARGE.command(
                        false, Path.of("java"), Path.of("b.jar"), Path.of("weft"), Plan.JMH_FULL, Path.of("r")))
                .containsSubsequence("-wi", "0", "-i", "2", "-f", "1")
                .doesNotContain("3", "5");
        assertThat(LARGE.display(false, Plan.JMH_FULL))
                .endsWith("'dev.weft.bench.fork.UtsBenchmark.' -p tree=T3L -wi 0 -i 2 -f 1 -w 1s -r 1s");
    }

    @Test
    void aSourceWithoutItsOwnIterationsKeepsTheRunsSettings() {
        assertThat(LARGE.settingsFor(true, Plan.JMH_QUICK)).isEqualTo(Plan.JMH_QUICK);
    }

    @Test
    void theLargeTreesRunFewerIterationsThanTheRest() {
        final Source large = Plan.sources().stream()
                .filter(s -> s.name().equals("jmh-uts-large"))
                .findFirst()
                .orElseThrow();
        assertThat(large.settingsFor(false, Plan.JMH_FULL)).doesNotContain("-wi", "-i");
    }
}
