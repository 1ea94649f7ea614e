package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerformanceReportTest {

    @Test
    void rendersARunDirectoryOfCapturedOutputs(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("jmh-all.json"), Resources.text("jmh-sample.json"));
        Files.writeString(dir.resolve("idle-cost.out"), Resources.text("idle-cost.out"));
        Files.writeString(dir.resolve("demo.out"), "not json at all");
        final Environment env = new Environment(
                "s",
                "f",
                "cpu",
                2,
                "1 GiB",
                "6.1",
                "jdk",
                "-f 1",
                false,
                "0.1 0.1 0.1",
                "0.1 0.1 0.1",
                0.01,
                "abc",
                List.of(
                        new SourceRun("jmh-all", "jmh", 0, 1, ""),
                        new SourceRun("idle-cost", "idle", 0, 1, ""),
                        new SourceRun("demo", "demo", 0, 1, ""),
                        new SourceRun("retired-source", "old", 0, 1, "")));
        final String md = PerformanceReport.render(dir, env, "", "");
        assertThat(md)
                .contains("| platform | which CPU am I on: sched_getcpu through FFM | reading "
                        + "/proc/thread-self/stat | 28.5 ns/op | 206046 ns/op | 0.000138 | — | — |");
        assertThat(md)
                .contains("idle cost: 2 reactors, 100 sleeping tasklets (advice 1 ms) | Agrona "
                        + "BackoffIdleStrategy | 8.37 % of a core | 9.80 % of a core | 0.853 | ≤ 2 % of a core "
                        + "| **missed** |");
        assertThat(md)
                .contains("| demo | `demo` | 0 | 0.0 | output unreadable: weft demo --json printed no JSON "
                        + "object |");
        assertThat(md)
                .contains("| retired-source | `old` | 0 | 0.0 | no longer in the plan; its output was not " + "read |");
        assertThat(md).contains("media pacing error p99").contains("did not run");
    }
}
