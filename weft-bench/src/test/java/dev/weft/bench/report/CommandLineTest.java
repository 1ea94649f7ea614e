package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private static final Set<String> OPTIONS = Set.of("--from", "--out", "--jar");

    @Test
    void readsTheQuickFlagAndValuedOptionsWithDefaultsForTheRest() {
        final CommandLine line = CommandLine.parse(new String[] {"--out", "x.md", "--quick", "--from", "run"}, OPTIONS);
        assertThat(line.quick()).isTrue();
        assertThat(line.path("--out", Path.of("d.md"))).isEqualTo(Path.of("x.md"));
        assertThat(line.path("--jar", Path.of("b.jar"))).isEqualTo(Path.of("b.jar"));
        assertThat(line.value("--from")).contains("run");
        assertThat(line.jar("bench/x"))
                .as("a run rendered again needs no jar")
                .isEqualTo(Path.of("weft-bench", "target", "benchmarks.jar"));
    }

    @Test
    void namesAnUnknownOptionAMissingValueAStrayArgumentAndAMissingJar() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--fast"}, OPTIONS))
                .hasMessage("unknown option --fast");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--out"}, OPTIONS))
                .hasMessage("--out needs a value");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"report.md"}, OPTIONS))
                .hasMessage("unexpected argument report.md");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--jar", "no/such.jar"}, OPTIONS)
                        .jar("bench/scaling"))
                .hasMessageContaining("no benchmarks jar at no/such.jar")
                .hasMessageContaining("(bench/scaling does)");
    }
}
