package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchCommandTest {

    private record Run(int status, String out, String err) {}

    private static Run run(final String... args) {
        final CommandLine command = WeftCommand.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        final int status = command.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void utsPrintsTheDefaultTreeAsJson() {
        final Run run = run("bench", "uts", "--json", "--workers", "2", "--runs", "1");
        assertThat(run.status()).as(run.err()).isZero();
        final JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.get("nodes").asLong()).isEqualTo(1732);
        assertThat(json.get("depth").asInt()).isEqualTo(6);
        assertThat(json.get("leaves").asLong()).isEqualTo(1050);
        assertThat(json.get("weft_ms").asDouble()).isPositive();
        assertThat(json.get("fjp_ms").asDouble()).isPositive();
        assertThat(json.get("ratio").asDouble()).isPositive();
        assertThat(json.get("stack_mib").asLong()).isEqualTo(256);
    }

    @Test
    void bothSidesGetTheStackSizeAskedForAndSaySo() {
        final Run run = run("bench", "uts", "--workers", "2", "--runs", "1", "--stack-size", "64");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("stack: 64 MiB per thread on both sides")
                .contains("ForkJoinPool's workers through a ForkJoinWorkerThreadFactory");
        assertThat(run("bench", "uts", "--stack-size", "-1").err()).contains("--stack-size -1");
    }

    @Test
    void utsAcceptsEveryParameterLetter() {
        final Run run = run(
                "bench",
                "uts",
                "-t",
                "0",
                "-a",
                "0",
                "-d",
                "6",
                "-b",
                "50",
                "-r",
                "7",
                "-q",
                "0.2",
                "-m",
                "4",
                "--workers",
                "1",
                "--runs",
                "1");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("UTS tree:").contains("ratio fjp/weft");
    }

    @Test
    void badParametersAreNamed() {
        final Run run = run("bench", "uts", "-t", "5");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("-t 5");
        assertThat(run("bench").status()).isNotZero();
    }
}
