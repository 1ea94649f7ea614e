package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TopologyCommandTest {

    private static final Path FIXTURES = Path.of("../weft-core/src/test/resources/topology");

    private record Run(int status, String out, String err) {}

    private static Run weft(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cli = WeftCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        final int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    private static JsonNode json(final String text) {
        return JsonMapper.builder().build().readTree(text);
    }

    @Test
    void jsonOfAFixtureAgreesWithTheFixture() {
        final Run run = weft(
                "topology",
                "--json",
                "--sysfs",
                FIXTURES.resolve("two-socket-smt/sys").toString());
        assertThat(run.status()).as(run.err()).isZero();
        final JsonNode root = json(run.out());
        assertThat(root.get("allowed_cpus").asString()).isEqualTo("0-31");
        assertThat(root.get("allowed_mask").asString()).isEqualTo("ffffffff");
        assertThat(root.get("numa_nodes")).hasSize(2);
        assertThat(root.get("sockets").get(1).get("processors").asString()).isEqualTo("8-15,24-31");
        assertThat(root.get("processors")).hasSize(32);
        final JsonNode cpu24 = root.get("processors").get(24);
        assertThat(cpu24.propertyNames())
                .containsExactly("id", "core", "socket", "numa_node", "efficiency_class", "allowed", "isolated");
        assertThat(cpu24.get("id").asInt()).isEqualTo(24);
        assertThat(cpu24.get("core").asInt()).isEqualTo(8);
        assertThat(cpu24.get("socket").asInt()).isEqualTo(1);
        assertThat(cpu24.get("numa_node").asInt()).isEqualTo(1);
        assertThat(cpu24.get("allowed").asBoolean()).isTrue();
    }

    @Test
    void jsonMarksIsolatedAndDisallowedProcessors() {
        final Run run = weft(
                "topology",
                "--json",
                "--sysfs",
                FIXTURES.resolve("isolated/sys").toString());
        final JsonNode root = json(run.out());
        assertThat(root.get("isolated_cpus").asString()).isEqualTo("6-7");
        assertThat(root.get("allowed_cpus").asString()).isEqualTo("0-5");
        assertThat(root.get("processors").get(7).get("isolated").asBoolean()).isTrue();
        assertThat(root.get("processors").get(7).get("allowed").asBoolean()).isFalse();
    }

    @Test
    void tablesShowCoresWithTheirEfficiencyClass() {
        final Run run =
                weft("topology", "--sysfs", FIXTURES.resolve("hybrid/sys").toString());
        assertThat(run.status()).isZero();
        assertThat(run.out())
                .startsWith("24 processors online, 16 cores, 1 socket, 1 NUMA node, "
                        + "2 efficiency classes, 1 processor group\n");
        assertThat(run.out()).contains("allowed CPUs:  0-23 (mask ffffff)", "isolated CPUs: none");
        assertThat(run.out().lines())
                .contains(
                        "  core  socket  core_id  processors  efficiency_class",
                        "  0     0       0        0-1         1",
                        "  8     0       32       16          0");
    }

    @Test
    void liveJsonAgreesWithNprocAndSysfs() throws Exception {
        final JsonNode root = json(weft("topology", "--json").out());
        final Process nproc = new ProcessBuilder("nproc").start();
        final int count = Integer.parseInt(new String(nproc.getInputStream().readAllBytes()).strip());
        assertThat(nproc.waitFor()).isZero();
        int allowed = 0;
        for (final JsonNode processor : root.get("processors")) {
            allowed += processor.get("allowed").asBoolean() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(count);
        assertThat(root.get("online_cpus").asString())
                .isEqualTo(Files.readString(Path.of("/sys/devices/system/cpu/online"))
                        .strip());
    }

    @Test
    void aMissingTreeIsAnErrorNamingIt() {
        final Run run = weft("topology", "--sysfs", "/no/such/tree");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("--sysfs /no/such/tree is not a directory");
    }

    @Test
    void withoutASubcommandWeftSaysWhatIsMissing() {
        final Run run = weft();
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("Missing subcommand");
    }

    @Test
    void versionNamesTheJavaRuntime() {
        final Run run = weft("--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("weft ", "Java " + Runtime.version().feature());
    }
}
