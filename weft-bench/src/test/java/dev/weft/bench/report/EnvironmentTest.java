package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC   7B13 64-Core Processor
            cpu MHz\t\t: 2450.000

            processor\t: 1
            model name\t: AMD EPYC   7B13 64-Core Processor
            """;

    @Test
    void readsTheMachineFromProcTexts() {
        assertThat(Environment.cpuModel(CPUINFO)).isEqualTo("AMD EPYC 7B13 64-Core Processor");
        assertThat(Environment.cpuCount(CPUINFO)).isEqualTo(2);
        assertThat(Environment.cpuModel("processor : 0\n")).isEqualTo("unknown");
        assertThat(Environment.loadAverage("12.93 13.28 11.25 9/812 31337\n")).isEqualTo("12.93 13.28 11.25");
        assertThat(Environment.memory("MemTotal:        8131072 kB\nMemFree: 1 kB\n"))
                .isEqualTo("7.8 GiB");
        assertThat(Environment.memory("")).isEqualTo("unknown");
    }

    @Test
    void storesAndLoadsARun(@TempDir final Path dir) throws IOException {
        final Environment env = new Environment(
                "s",
                "f",
                "cpu",
                2,
                "1.0 GiB",
                "6.1",
                "jdk 25",
                "-f 1",
                true,
                "1 2 3",
                "4 5 6",
                0.125,
                "abc with uncommitted changes",
                List.of(new SourceRun("demo", "./weft demo --json", 3, 12.5, "exit 3: Boom")));
        env.store(dir.resolve("run.properties"));
        assertThat(Environment.load(dir.resolve("run.properties"))).isEqualTo(env);
    }

    @Test
    void aRunStoredBeforeTheCpuShareWasRecordedLoadsWithItUnknown(@TempDir final Path dir) throws IOException {
        final Environment env = new Environment(
                "s", "f", "cpu", 2, "1.0 GiB", "6.1", "jdk 25", "-f 1", false, "1 2 3", "4 5 6", 0.5, "abc", List.of());
        env.store(dir.resolve("run.properties"));
        final Path old = dir.resolve("old.properties");
        Files.writeString(
                old, Files.readString(dir.resolve("run.properties")).replaceAll("(?m)^othersCpuShare=.*\\R", ""));
        assertThat(Files.readString(old)).doesNotContain("othersCpuShare");
        assertThat(Environment.load(old).othersCpuShare()).isNaN();
    }

    @Test
    void aDamagedRunFileNamesTheMissingKey(@TempDir final Path dir) throws IOException {
        Files.writeString(dir.resolve("run.properties"), "runs=0\nstarted=s\n");
        assertThatThrownBy(() -> Environment.load(dir.resolve("run.properties")))
                .hasMessageContaining("has no \"finished\"");
    }
}
