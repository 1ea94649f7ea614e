package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoCommandTest {

    private record Run(int status, String out, String err) {}

    private static Run weft(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final picocli.CommandLine cli = WeftCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void badOptionsAreNamedAndFail() {
        final Run run = weft("demo", "--seconds", "0");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("weft demo: --seconds 0 is not in 1..3600");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aNiceOutOfRangeIsNamed() {
        final Run run = weft("demo", "--nice", "20");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("weft demo: --nice 20 is not in -20..19");
    }

    @Test
    @Timeout(180)
    void jsonIsOneObjectWithBothWays(@TempDir final Path dir) {
        final Path socket = dir.resolve("demo.sock");
        final Run run = weft("demo", "--seconds", "1", "--sessions", "1", "--json", "--socket", socket.toString());
        assertThat(run.status()).as(run.err()).isZero();
        final JsonNode root = JsonMapper.builder().build().readTree(run.out());
        assertThat(root.path("sessions").asInt()).isEqualTo(1);
        final JsonNode weft = root.path("mediaWeft");
        assertThat(weft.path("received").asLong() + weft.path("lost").asLong())
                .isEqualTo(weft.path("sent").asLong());
        assertThat(root.path("mediaPlain").path("sent").asLong())
                .isEqualTo(weft.path("sent").asLong());
        assertThat(root.path("batch").path("wrong").asLong()).isZero();
        assertThat(root.path("processes").path("missing").asLong()).isZero();
        assertThat(run.err()).contains("media sent weft", "control socket " + socket);
        assertThat(root.path("controlSocket").asString()).isEqualTo(socket.toString());
        assertThat(socket).doesNotExist();
    }
}
