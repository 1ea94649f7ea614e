package dev.weft.rpc.methods;

import dev.weft.balance.BalancingRound;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerMethodsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private ReactorGroup group;
    private BalancingRound round;
    private JsonRpcServer server;
    private JsonRpcClient client;
    private RpcRegistry registry;

    @BeforeEach
    void start() throws Exception {
        group = ReactorGroup.builder().name("sched").reactors(2).pinned(false).mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO).build().start();
        group.add(Strand.of("app"), group.reactor(1)).get();
        final CpuSet cpus = CpuSet.of(group.reactor(0).cpu(), group.reactor(1).cpu());
        final SimulatedGovernor governor = new SimulatedGovernor(cpus, List.of(2_000_000L, 1_000_000L));
        round = BalancingRound.on(group).governor(governor);
        registry = new RpcRegistry(RpcState.STARTUP);
        SchedulerMethods.register(registry, group, round, Optional.of(governor), round::start);
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("weft.sock")), registry);
        client = JsonRpcClient.connect(server.socketPath(), true);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        round.close();
        group.close();
    }

    private JsonNode call(final String method, final String params) {
        return client.call(method, params == null ? null : MAPPER.readTree(params));
    }

    private void startInit() {
        assertThat(call("framework_start_init", null).asBoolean()).isTrue();
        assertThat(registry.state()).isEqualTo(RpcState.RUNTIME);
    }

    @Test
    void setThenGetReflectsTheRunningBalancerWithSpdksKeys() {
        startInit();
        final JsonNode initial = call("framework_get_scheduler", null);
        assertThat(initial.propertyNames()).containsExactly("scheduler_name", "scheduler_period",
                "isolated_core_mask", "scheduling_core", "governor_name");
        assertThat(initial.get("scheduler_name").asString()).isEqualTo("static");
        assertThat(initial.get("governor_name").asString()).isEqualTo("simulated");
        assertThat(call("framework_set_scheduler", "{\"name\":\"dynamic\",\"period\":500000,\"core_limit\":70}")
                .asBoolean()).isTrue();
        final JsonNode dynamic = call("framework_get_scheduler", null);
        assertThat(dynamic.propertyNames()).containsExactly("scheduler_name", "scheduler_period",
                "isolated_core_mask", "scheduling_core", "governor_name", "load_limit", "core_limit", "core_busy");
        assertThat(dynamic.get("scheduler_name").asString()).isEqualTo("dynamic");
        assertThat(dynamic.get("scheduler_period").asLong()).isEqualTo(500_000);
        assertThat(dynamic.get("core_limit").asInt()).isEqualTo(70);
        assertThat(dynamic.get("load_limit").asInt()).isEqualTo(20);
        assertThat(dynamic.get("scheduling_core").asInt()).isEqualTo(group.reactor(0).cpu());
        assertThat(dynamic.get("isolated_core_mask").asString()).isEqualTo("0");
    }

    @Test
    void zeroOptionsOfAPolicyWithoutThemAreIgnoredAndNonZeroOnesRefused() {
        startInit();
        assertThat(call("framework_set_scheduler", "{\"name\":\"gscheduler\",\"load_limit\":0,\"extra\":1}")
                .asBoolean()).isTrue();
        assertThat(call("framework_get_scheduler", null).get("scheduler_name").asString()).isEqualTo("gscheduler");
        assertThatThrownBy(() -> call("framework_set_scheduler", "{\"name\":\"gscheduler\",\"load_limit\":5}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32603))
                .hasMessageContaining("load_limit");
        assertThatThrownBy(() -> call("framework_set_scheduler", "{\"name\":\"fancy\"}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32603))
                .hasMessageContaining("unknown balancer 'fancy'");
        assertThatThrownBy(() -> call("framework_set_scheduler", "{\"period\":5}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32602));
        assertThatThrownBy(() -> call("framework_set_scheduler", "{\"name\":\"dynamic\",\"core_limit\":101}"))
                .hasMessageContaining("outside [0, 100]");
        assertThat(call("framework_get_scheduler", null).get("scheduler_name").asString()).isEqualTo("gscheduler");
        assertThatThrownBy(() -> call("framework_get_scheduler", "{\"x\":1}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32602));
    }

    @Test
    void staticMappingsNameCoresByTheirCpu() {
        startInit();
        final long app = group.reactor(1).strands().getFirst().id();
        final int cpu0 = group.reactor(0).cpu();
        assertThat(call("framework_set_scheduler", "{\"name\":\"static\",\"mappings\":\"" + app + ":" + cpu0
                + "\"}").asBoolean()).isTrue();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> group.reactor(0).strands().stream().anyMatch(s -> s.id() == app));
        assertThatThrownBy(() -> call("framework_set_scheduler", "{\"name\":\"static\",\"mappings\":\"" + app
                + ":4000\"}")).hasMessageContaining("no reactor runs on core 4000");
    }

    @Test
    void schedulerOptionsOnlyAtStartup() {
        final int cpu1 = group.reactor(1).cpu();
        assertThat(call("scheduler_set_options", "{\"scheduling_core\":" + cpu1 + "}").asBoolean()).isTrue();
        assertThatThrownBy(() -> call("scheduler_set_options", "{\"scheduling_core\":4000}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32602))
                .hasMessageContaining("4000 is not the CPU of a reactor");
        assertThatThrownBy(() -> call("scheduler_set_options", "{\"isolated_core_mask\":\"0xz\"}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-32602));
        final JsonNode beforeInit = call("framework_get_scheduler", null);
        assertThat(beforeInit.has("scheduler_name")).as("SPDK has no scheduler before init").isFalse();
        assertThat(beforeInit.get("scheduling_core").asInt()).isEqualTo(cpu1);
        startInit();
        assertThat(call("framework_get_scheduler", null).get("scheduling_core").asInt()).isEqualTo(cpu1);
        assertThatThrownBy(() -> call("scheduler_set_options", "{\"scheduling_core\":" + cpu1 + "}"))
                .isInstanceOfSatisfying(RpcError.class, e -> assertThat(e.code()).isEqualTo(-1));
    }

    @Test
    void governorListsManagedCoresWithTheirFrequencies() {
        startInit();
        final JsonNode governor = call("framework_get_governor", null);
        assertThat(governor.propertyNames()).containsExactly("governor_name", "module_specific", "cores");
        assertThat(governor.get("governor_name").asString()).isEqualTo("simulated");
        assertThat(governor.get("cores")).hasSize(2);
        assertThat(governor.get("module_specific").get("current_frequencies_khz").get(
                String.valueOf(group.reactor(0).cpu())).isNumber()).isTrue();
        final JsonNode core = governor.get("cores").get(0);
        assertThat(core.propertyNames()).containsExactly("lcore_id", "available_frequencies", "current_frequency");
        assertThat(core.get("available_frequencies").get(0).asLong()).isEqualTo(2_000_000);
    }
}
