package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.cli.run.ConfigException;
import dev.weft.cli.run.Heartbeat;
import dev.weft.cli.run.RunConfig;
import dev.weft.cli.run.WeftRuntimeHost;
import dev.weft.reactor.ReactorMode;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunCommandTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void startsAnswersAndStopsCleanOnSigterm() throws Exception {
        final Path config = dir.resolve("weft.json");
        Files.writeString(config, """
                {"reactors": {"count": 2, "mode": "sleep", "watchdog_ms": 0},
                 "strands": [{"name": "io", "reactor": 1, "tasklets": ["dev.weft.cli.run.Heartbeat"]}],
                 "pool": {"workers": 1},
                 "processes": {"workers": 1},
                 "status_interval_s": 1}
                """);
        final Path socket = dir.resolve("weft.sock");
        final Path log = dir.resolve("out.txt");
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final Process child = new ProcessBuilder(
                        java.toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WeftCommand.class.getName(),
                        "run",
                        "--config",
                        config.toString(),
                        "--socket",
                        socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(socket) || !child.isAlive());
            assertThat(child.isAlive())
                    .as("weft run exited early: %s", Files.readString(log))
                    .isTrue();
            final List<ProcessHandle> workers = new ArrayList<>();
            try (JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
                assertThat(client.call("framework_wait_init", null).asBoolean()).isTrue();
                final JsonNode reactors = client.call("framework_get_reactors", null);
                assertThat(reactors.get("pid").asLong()).isEqualTo(child.pid());
                assertThat(reactors.get("reactors")).hasSize(2);
                final List<String> threads = new ArrayList<>();
                reactors.get("reactors")
                        .forEach(r -> r.get("lw_threads")
                                .forEach(t -> threads.add(t.get("name").asString())));
                assertThat(threads).contains("io", "process-scheduler");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> client.call("weft_get_process_scheduler", null)
                                        .get("workers_ready")
                                        .asInt()
                                == 1);
                child.toHandle().descendants().forEach(workers::add);
            }
            assertThat(workers).isNotEmpty();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(log).contains("weft: weft-reactor"));
            child.destroy();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(socket)).isFalse();
            await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(Files.readString(log)).contains("weft: serving on " + socket, "weft: stopped");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void waitForRpcServesStartUpMethodsUntilFrameworkStartInitStartsTheRound() throws Exception {
        final RunConfig config = RunConfig.parse(MAPPER.readTree("""
                {"reactors": {"count": 2, "mode": "sleep", "watchdog_ms": 0},
                 "balancer": {"governor": "simulated"}, "status_interval_s": 3600}
                """));
        final Path socket = dir.resolve("wait.sock");
        try (WeftRuntimeHost host =
                        WeftRuntimeHost.start(config, socket, "test", new PrintWriter(new StringWriter()), true);
                JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
            // SPDK's test/scheduler/rpc.sh, scheduler_opts and static_as_default, over weft's socket.
            assertThat(client.call("framework_get_scheduler", null).has("scheduler_name"))
                    .isFalse();
            assertThatThrownBy(() -> client.call("framework_get_reactors", null))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(-1));
            client.call(
                    "framework_set_scheduler",
                    MAPPER.createObjectNode().put("name", "dynamic").put("period", 424_242));
            client.call(
                    "framework_set_scheduler",
                    MAPPER.createObjectNode().put("name", "dynamic").put("core_limit", 42));
            JsonNode scheduler = client.call("framework_get_scheduler", null);
            assertThat(scheduler.get("scheduler_name").asString()).isEqualTo("dynamic");
            assertThat(scheduler.get("scheduler_period").asLong()).isEqualTo(424_242);
            assertThat(scheduler.get("core_limit").asLong()).isEqualTo(42);
            final int reactorOneCpu = host.group().reactor(1).cpu();
            assertThat(client.call(
                                    "scheduler_set_options",
                                    MAPPER.createObjectNode().put("scheduling_core", reactorOneCpu))
                            .asBoolean())
                    .isTrue();
            assertThat(client.call("framework_start_init", null).asBoolean()).isTrue();
            assertThat(client.call("framework_wait_init", null).asBoolean()).isTrue();
            scheduler = client.call("framework_get_scheduler", null);
            assertThat(scheduler.get("scheduler_name").asString()).isEqualTo("dynamic");
            assertThat(scheduler.get("scheduler_period").asLong()).isEqualTo(424_242);
            assertThat(scheduler.get("core_limit").asLong()).isEqualTo(42);
            assertThat(scheduler.get("scheduling_core").asInt()).isEqualTo(reactorOneCpu);
            final List<String> onReactorOne = new ArrayList<>();
            client.call("framework_get_reactors", null).get("reactors").forEach(r -> {
                if (r.get("lcore").asInt() == reactorOneCpu) {
                    r.get("lw_threads")
                            .forEach(t -> onReactorOne.add(t.get("name").asString()));
                }
            });
            assertThat(onReactorOne).as("the round is no SPDK thread").doesNotContain("balancing-round");
            assertThatThrownBy(() -> client.call(
                            "scheduler_set_options", MAPPER.createObjectNode().put("scheduling_core", reactorOneCpu)))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(-1));
        }
        assertThat(Files.exists(socket)).isFalse();
    }

    @Test
    void withoutWaitForRpcTheConfiguredBalancerRunsAtOnce() throws Exception {
        final RunConfig config = RunConfig.parse(MAPPER.readTree("""
                {"reactors": {"count": 1, "mode": "sleep", "watchdog_ms": 0},
                 "balancer": {"name": "gscheduler", "governor": "simulated"}, "status_interval_s": 3600}
                """));
        final Path socket = dir.resolve("now.sock");
        try (WeftRuntimeHost host = WeftRuntimeHost.start(config, socket, "test", new PrintWriter(new StringWriter()));
                JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
            assertThat(client.call("framework_get_scheduler", null)
                            .get("scheduler_name")
                            .asString())
                    .isEqualTo("gscheduler");
            assertThatThrownBy(() -> client.call("framework_start_init", null))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(-1));
        }
    }

    @Test
    void badConfigIsRefusedWithTheFieldPath() throws Exception {
        final Path config = dir.resolve("bad.json");
        Files.writeString(config, """
                {"strands": [{"name": "a"}, {"name": "b", "tasklets": ["no.such.Tasklet"]}]}
                """);
        final StringWriter err = new StringWriter();
        final int status = WeftCommand.commandLine()
                .setErr(new PrintWriter(err))
                .execute(
                        "run",
                        "--config",
                        config.toString(),
                        "--socket",
                        dir.resolve("s").toString());
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("strands[1].tasklets[0]", "no.such.Tasklet");
        assertThat(Files.exists(dir.resolve("s"))).isFalse();
    }

    @Test
    void aLiveSocketIsNeverTakenOverAndWhatStartedIsStopped() throws Exception {
        final Path socket = dir.resolve("live.sock");
        try (JsonRpcServer live =
                JsonRpcServer.start(RpcServerConfig.defaults(socket), new RpcRegistry(RpcState.RUNTIME))) {
            final Path config = dir.resolve("small.json");
            Files.writeString(config, "{\"reactors\": {\"count\": 1}, \"pool\": {\"workers\": 1}}");
            final StringWriter err = new StringWriter();
            final int status = WeftCommand.commandLine()
                    .setErr(new PrintWriter(err))
                    .execute("run", "--config", config.toString(), "--socket", socket.toString());
            assertThat(status).isEqualTo(2);
            assertThat(err.toString()).contains("cannot start");
            assertThat(Files.exists(socket)).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(t -> t.getName().startsWith("weft-reactor")));
        }
    }

    private static String pathOf(final String json) {
        try {
            RunConfig.parse(MAPPER.readTree(json));
        } catch (final ConfigException e) {
            return e.path();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void everyBadFieldIsNamed() {
        assertThat(pathOf("[]")).isEqualTo("$");
        assertThat(pathOf("{\"reactor\": {}}")).isEqualTo("reactor");
        assertThat(pathOf("{\"reactors\": {\"count\": 0}}")).isEqualTo("reactors.count");
        assertThat(pathOf("{\"reactors\": {\"count\": 1.5}}")).isEqualTo("reactors.count");
        assertThat(pathOf("{\"reactors\": {\"mode\": \"nap\"}}")).isEqualTo("reactors.mode");
        assertThat(pathOf("{\"reactors\": {\"pinned\": \"yes\"}}")).isEqualTo("reactors.pinned");
        assertThat(pathOf("{\"reactors\": {\"count\": 2}, \"strands\": [{\"name\": \"a\", \"reactor\": 2}]}"))
                .isEqualTo("strands[0].reactor");
        assertThat(pathOf("{\"strands\": [{\"name\": \"a\", \"cpumask\": \"xyz\"}]}"))
                .isEqualTo("strands[0].cpumask");
        assertThat(pathOf("{\"strands\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}"))
                .isEqualTo("strands[1].name");
        assertThat(pathOf("{\"strands\": [{\"name\": \"a\", \"weight\": -1}]}")).isEqualTo("strands[0].weight");
        assertThat(pathOf("{\"strands\": [{\"name\": \"a\", \"tasklets\": [\"java.lang.String\"]}]}"))
                .isEqualTo("strands[0].tasklets[0]");
        assertThat(pathOf("{\"pool\": {\"workers\": 0}}")).isEqualTo("pool.workers");
        assertThat(pathOf("{\"processes\": {\"workers\": -1}}")).isEqualTo("processes.workers");
        assertThat(pathOf("{\"status_interval_s\": 0}")).isEqualTo("status_interval_s");
        assertThatThrownBy(() -> RunConfig.read(dir.resolve("absent.json"))).hasMessageContaining("cannot read");
    }

    @Test
    void aConfigThatIsNotARegularFileOrTooLargeIsRefusedClearly() throws Exception {
        assertThatThrownBy(() -> RunConfig.read(Path.of("/dev/zero")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read /dev/zero: it is not a regular file");
        assertThatThrownBy(() -> RunConfig.read(dir)).hasMessageContaining("it is not a regular file");
        final Path huge = Files.writeString(dir.resolve("huge.json"), " ".repeat(RunConfig.MAX_BYTES) + "{}");
        assertThatThrownBy(() -> RunConfig.read(huge))
                .hasMessageContaining("it is over " + RunConfig.MAX_BYTES + " bytes");
    }

    @Test
    void goodConfigAndDefaultsParse() throws Exception {
        final RunConfig config = RunConfig.parse(MAPPER.readTree("""
                {"reactors": {"count": 3, "mode": "Interrupt", "pinned": false, "watchdog_ms": 50},
                 "strands": [{"name": "io", "reactor": 2, "cpumask": "4", "weight": 0.5,
                              "tasklets": ["dev.weft.cli.run.Heartbeat"]}],
                 "pool": {"workers": 2}, "processes": {"workers": 0}}
                """));
        assertThat(config.reactorCount()).hasValue(3);
        assertThat(config.mode()).isEqualTo(ReactorMode.INTERRUPT);
        assertThat(config.watchdog()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.strands().get(0).tasklets()).containsExactly(Heartbeat.class);
        assertThat(config.strands().get(0).cpuMask().orElseThrow().toMask()).isEqualTo("4");
        assertThat(config.poolWorkers()).hasValue(2);
        assertThat(config.processWorkers()).hasValue(0);
        assertThat(RunConfig.defaults().strands()).hasSize(1);
    }
}
