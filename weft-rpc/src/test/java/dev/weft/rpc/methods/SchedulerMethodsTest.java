package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.GovernorProvider;
import dev.weft.balance.SimulatedGovernor;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SPDK's scheduler methods over a real group and server, with SPDK's answers to each request. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerMethodsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private ReactorGroup group;
    private volatile BalancingRound round;
    private JsonRpcServer server;
    private JsonRpcClient client;
    private RpcRegistry registry;
    private Strand app;

    private void start(final GovernorProvider governors) throws Exception {
        group = ReactorGroup.builder()
                .name("sched")
                .reactors(2)
                .pinned(false)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        app = Strand.of("app");
        group.add(app, group.reactor(1)).get();
        registry = new RpcRegistry(RpcState.STARTUP);
        SchedulerMethods.register(
                registry,
                group,
                BalancingConfig.builder().governors(governors).build(),
                config -> round = BalancingRound.start(group, config));
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("weft.sock")), registry);
        client = JsonRpcClient.connect(server.socketPath(), true);
    }

    private void startSimulated() throws Exception {
        final CpuSet cpus = CpuSet.of(0, 1);
        start(() -> new SimulatedGovernor(cpus, List.of(2_000_000L, 1_000_000L)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        if (round != null) {
            round.close();
        }
        group.close();
    }

    private JsonNode call(final String method, final String params) {
        return client.call(method, params == null ? null : MAPPER.readTree(params));
    }

    private void assertCode(final String method, final String params, final int code) {
        assertThatThrownBy(() -> call(method, params))
                .as("%s %s", method, params)
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private void startInit() {
        assertThat(call("framework_start_init", null).asBoolean()).isTrue();
        assertThat(registry.state()).isEqualTo(RpcState.RUNTIME);
    }

    @Test
    void setThenGetReflectsTheRunningBalancerWithSpdksKeys() throws Exception {
        startSimulated();
        startInit();
        final JsonNode initial = call("framework_get_scheduler", null);
        assertThat(initial.propertyNames())
                .containsExactly("scheduler_name", "scheduler_period", "isolated_core_mask", "scheduling_core");
        assertThat(initial.get("scheduler_name").asString()).isEqualTo("static");
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\",\"period\":500000,\"core_limit\":70}")
                        .asBoolean())
                .isTrue();
        final JsonNode dynamic = call("framework_get_scheduler", null);
        assertThat(dynamic.propertyNames())
                .containsExactly(
                        "scheduler_name",
                        "scheduler_period",
                        "isolated_core_mask",
                        "scheduling_core",
                        "governor_name",
                        "load_limit",
                        "core_limit",
                        "core_busy");
        assertThat(dynamic.get("scheduler_period").asLong()).isEqualTo(500_000);
        assertThat(dynamic.get("core_limit").asInt()).isEqualTo(70);
        assertThat(dynamic.get("load_limit").asInt()).isEqualTo(20);
        assertThat(dynamic.get("governor_name").asString()).isEqualTo("simulated");
        assertThat(dynamic.get("scheduling_core").asInt())
                .isEqualTo(group.reactor(0).cpu());
        assertThat(dynamic.get("isolated_core_mask").asString()).isEqualTo("0");
        assertCode("framework_get_scheduler", "{\"x\":1}", -32602);
    }

    @Test
    void optionsSpdkIgnoresAreAccepted() throws Exception {
        startSimulated();
        startInit();
        final int cpu0 = group.reactor(0).cpu();
        assertThat(call("framework_set_scheduler", "{\"name\":\"static\",\"load_limit\":50,\"extra\":1}")
                        .asBoolean())
                .isTrue();
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\",\"mappings\":\"x\"}")
                        .asBoolean())
                .isTrue();
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\",\"mappings\":5}")
                        .asBoolean())
                .isTrue();
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\",\"load_limit\":200}")
                        .asBoolean())
                .isTrue();
        assertThat(call("framework_get_scheduler", null).get("load_limit").asInt())
                .isEqualTo(200);
        assertThat(call(
                                "framework_set_scheduler",
                                "{\"name\":\"static\",\"mappings\":\"" + app.id() + ":" + cpu0 + ",\"}")
                        .asBoolean())
                .isTrue();
        assertThat(app.reactor().orElseThrow().index())
                .as("the switch's round moved it")
                .isZero();
    }

    @Test
    void decodingErrorsAreInvalidParamsAndTheRestInternalErrors() throws Exception {
        startSimulated();
        startInit();
        for (final String value : List.of("300", "-1", "\"x\"", "2.5", "null", "true")) {
            assertCode("framework_set_scheduler", "{\"name\":\"dynamic\",\"load_limit\":" + value + "}", -32602);
        }
        assertCode("framework_set_scheduler", "{\"name\":\"static\",\"mappings\":5}", -32602);
        assertCode("framework_set_scheduler", "{\"name\":\"dynamic\",\"period\":\"x\"}", -32602);
        assertCode("framework_set_scheduler", "{\"name\":\"dynamic\",\"period\":-1}", -32602);
        assertCode("framework_set_scheduler", "{\"period\":5}", -32602);
        assertCode("framework_set_scheduler", "{\"name\":5}", -32602);
        assertCode("framework_set_scheduler", "[\"dynamic\"]", -32602);
        assertCode("framework_set_scheduler", "{\"name\":\"fancy\"}", -32603);
        assertCode("framework_set_scheduler", "{\"name\":\"gscheduler\",\"load_limit\":5}", -32603);
        assertCode("framework_set_scheduler", "{\"name\":\"static\",\"mappings\":\"999:0\"}", -32603);
        assertThatThrownBy(() ->
                        call("framework_set_scheduler", "{\"name\":\"static\",\"mappings\":\"" + app.id() + ":4000\"}"))
                .hasMessageContaining("no reactor runs on core 4000");
        assertThat(call("framework_get_scheduler", null).get("scheduler_name").asString())
                .isEqualTo("static");
    }

    @Test
    void theGovernorIsTheBalancers() throws Exception {
        startSimulated();
        startInit();
        assertThat(call("framework_get_governor", null).isEmpty())
                .as("static uses none")
                .isTrue();
        call("framework_set_scheduler", "{\"name\":\"gscheduler\"}");
        final JsonNode governor = call("framework_get_governor", null);
        assertThat(governor.propertyNames()).containsExactly("governor_name", "module_specific", "cores");
        assertThat(governor.get("governor_name").asString()).isEqualTo("simulated");
        assertThat(governor.get("module_specific").get("env").asString()).isNotEmpty();
        assertThat(governor.get("cores")).hasSize(2);
        final JsonNode core = governor.get("cores").get(0);
        assertThat(core.propertyNames()).containsExactly("lcore_id", "available_frequencies", "current_frequency");
        assertThat(core.get("available_frequencies").get(0).asLong()).isEqualTo(2_000_000);
        call("framework_set_scheduler", "{\"name\":\"static\"}");
        assertThat(call("framework_get_governor", null).isEmpty())
                .as("dropped when switched away")
                .isTrue();
        assertThat(call("framework_get_scheduler", null).has("governor_name")).isFalse();
    }

    @Test
    void withoutAGovernorGschedulerFailsAsSpdksDoesAndDynamicRunsWithout() throws Exception {
        start(GovernorProvider.NONE);
        assertCode("framework_set_scheduler", "{\"name\":\"gscheduler\"}", -32603);
        assertThat(call("framework_get_scheduler", null).has("scheduler_name")).isFalse();
        startInit();
        assertCode("framework_set_scheduler", "{\"name\":\"gscheduler\"}", -32603);
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\"}").asBoolean())
                .isTrue();
        assertThat(call("framework_get_scheduler", null).get("scheduler_name").asString())
                .isEqualTo("dynamic");
        assertThat(call("framework_get_scheduler", null).has("governor_name")).isFalse();
        assertCode("framework_set_scheduler", "{\"name\":\"gscheduler\"}", -32603);
        assertThat(call("framework_get_scheduler", null).get("scheduler_name").asString())
                .isEqualTo("dynamic");
    }

    @Test
    void schedulerOptionsTakeEveryMaskFormOnlyAtStartup() throws Exception {
        startSimulated();
        final int cpu0 = group.reactor(0).cpu();
        final int cpu1 = group.reactor(1).cpu();
        assertThat(call(
                                "scheduler_set_options",
                                "{\"scheduling_core\":" + cpu0 + ",\"isolated_core_mask\":\"[" + cpu1 + "]\"}")
                        .asBoolean())
                .isTrue();
        assertThat(call("framework_get_scheduler", null)
                        .get("isolated_core_mask")
                        .asString())
                .isEqualTo(CpuSet.of(cpu1).toMask());
        assertThat(call("scheduler_set_options", "{\"isolated_core_mask\":\"0x0\"}")
                        .asBoolean())
                .isTrue();
        assertCode("scheduler_set_options", "{\"scheduling_core\":4000}", -32602);
        assertCode("scheduler_set_options", "{\"isolated_core_mask\":\"0xz\"}", -32602);
        assertCode("scheduler_set_options", "{\"isolated_core_mask\":\"[" + cpu0 + "]\"}", -32602);
        assertThat(call("scheduler_set_options", "{\"scheduling_core\":" + cpu1 + "}")
                        .asBoolean())
                .isTrue();
        final JsonNode beforeInit = call("framework_get_scheduler", null);
        assertThat(beforeInit.has("scheduler_name"))
                .as("SPDK has no scheduler before init")
                .isFalse();
        assertThat(beforeInit.get("scheduling_core").asInt()).isEqualTo(cpu1);
        startInit();
        assertThat(call("framework_get_scheduler", null).get("scheduling_core").asInt())
                .isEqualTo(cpu1);
        assertCode("scheduler_set_options", "{\"scheduling_core\":" + cpu1 + "}", -1);
        assertCode("framework_start_init", null, -1);
    }
}
