package dev.weft.cli.spdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.weft.balance.BalancingRound;
import dev.weft.cli.run.ConfigException;
import dev.weft.cli.run.RunConfig;
import dev.weft.cli.run.WeftRuntimeHost;
import dev.weft.platform.CpuSet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.RpcError;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SPDK's own scheduler test scripts ({@code test/scheduler/rpc.sh}, {@code core_isolating.sh}, {@code idle.sh},
 * {@code interrupt.sh}), transcribed request by request against {@code weft run}'s RPC layer, with the answers SPDK
 * gives. Threads that SPDK's test plugin creates ({@code create_thread}) are strands of the configuration, and its
 * {@code active_thread} is {@link LoadTasklets#BUSY}; where a script measures CPU idle time in {@code /proc/stat},
 * the transcription reads the reactor's {@code in_interrupt}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpdkSchedulerScriptsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String IDLE = LoadTasklets.Idle.class.getName();
    private static final String BUSY = LoadTasklets.Busy.class.getName();

    @TempDir
    Path dir;

    private WeftRuntimeHost host;
    private JsonRpcClient rpc;

    @BeforeEach
    void idleLoad() {
        LoadTasklets.BUSY.set(false);
    }

    @AfterEach
    void stop() {
        LoadTasklets.BUSY.set(false);
        if (rpc != null) {
            rpc.close();
        }
        if (host != null) {
            host.close();
        }
    }

    /** {@code weft run} with a configuration, and a client on its socket. */
    private void run(final String json, final boolean waitForRpc) throws Exception {
        final RunConfig config = RunConfig.parse(MAPPER.readTree(json));
        final Path socket = dir.resolve("weft.sock");
        host = WeftRuntimeHost.start(config, socket, "0.1.0", new PrintWriter(new StringWriter()), waitForRpc);
        rpc = JsonRpcClient.connect(socket, true);
    }

    private JsonNode call(final String method) {
        return rpc.call(method, null);
    }

    private JsonNode call(final String method, final ObjectNode params) {
        return rpc.call(method, params);
    }

    private static ObjectNode scheduler(final String name) {
        return MAPPER.createObjectNode().put("name", name);
    }

    private int lcore(final int reactor) {
        return host.group().reactor(reactor).cpu();
    }

    /** The ids of the SPDK threads on a core, from {@code framework_get_reactors}. */
    private List<Long> threadsOn(final int lcore) {
        final List<Long> ids = new ArrayList<>();
        for (final JsonNode reactor : call("framework_get_reactors").get("reactors")) {
            if (reactor.get("lcore").asInt() == lcore) {
                reactor.get("lw_threads").forEach(t -> ids.add(t.get("id").asLong()));
            }
        }
        return ids;
    }

    private boolean inInterrupt(final int lcore) {
        for (final JsonNode reactor : call("framework_get_reactors").get("reactors")) {
            if (reactor.get("lcore").asInt() == lcore) {
                return reactor.get("in_interrupt").asBoolean();
            }
        }
        throw new AssertionError("no reactor on core " + lcore);
    }

    private void awaitRounds(final int count) {
        final BalancingRound round = host.balancingRound().orElseThrow();
        final long after = round.rounds() + count;
        await().atMost(PATIENCE).until(() -> round.rounds() >= after);
    }

    @Test
    void rpcShSchedulerOpts() throws Exception {
        run("""
                {"reactors": {"count": 2, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "balancer": {"governor": "simulated"}, "status_interval_s": 3600}
                """, true);
        call("framework_set_scheduler", scheduler("dynamic").put("period", 424_242));
        assertThat(call("framework_get_scheduler").get("scheduler_period").asLong())
                .isEqualTo(424_242);
        call("framework_set_scheduler", scheduler("dynamic").put("core_limit", 42));
        assertThat(call("framework_get_scheduler").get("core_limit").asInt()).isEqualTo(42);
        call("framework_set_scheduler", scheduler("gscheduler"));
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("gscheduler");
        call("framework_set_scheduler", scheduler("dynamic"));
        JsonNode now = call("framework_get_scheduler");
        assertThat(now.get("core_limit").asInt())
                .as("dynamic's options persist across switches")
                .isEqualTo(42);
        assertThat(now.get("scheduler_period").asLong())
                .as("the period is the framework's")
                .isEqualTo(424_242);
        assertThat(call("framework_start_init").asBoolean()).isTrue();
        call("framework_set_scheduler", scheduler("gscheduler"));
        call("framework_set_scheduler", scheduler("dynamic"));
        now = call("framework_get_scheduler");
        assertThat(now.get("scheduler_name").asString()).isEqualTo("dynamic");
        assertThat(now.get("core_limit").asInt()).isEqualTo(42);
        assertThat(now.get("scheduler_period").asLong()).isEqualTo(424_242);
    }

    @Test
    void rpcShStaticAsDefault() throws Exception {
        run("""
                {"reactors": {"count": 2, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "strands": [{"name": "app_thread", "reactor": 0, "tasklets": ["%s"]},
                             {"name": "worker", "reactor": 1, "tasklets": ["%s"]}],
                 "balancer": {"governor": "simulated"}, "status_interval_s": 3600}
                """.formatted(IDLE, IDLE), true);
        assertThat(call("framework_get_scheduler").has("scheduler_name")).isFalse();
        call("framework_start_init");
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("static");
        final int mainCpu = call("framework_get_reactors")
                .get("reactors")
                .get(0)
                .get("lcore")
                .asInt();
        final int otherCpu = call("framework_get_reactors")
                .get("reactors")
                .get(1)
                .get("lcore")
                .asInt();
        final long threadId = threadsOn(otherCpu).getFirst();
        call("framework_set_scheduler", scheduler("dynamic"));
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("dynamic");
        assertThat(threadsOn(mainCpu))
                .as("the switch's round ran before the answer")
                .contains(threadId);
        call("framework_set_scheduler", scheduler("static"));
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("static");
        assertThat(threadsOn(otherCpu)).as("back on its original core").contains(threadId);
        call("framework_set_scheduler", scheduler("static").put("mappings", threadId + ":" + mainCpu));
        assertThat(threadsOn(mainCpu)).contains(threadId);
    }

    @Test
    void rpcShFrameworkGetGovernor() throws Exception {
        run("""
                {"reactors": {"count": 2, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "balancer": {"governor": "simulated"}, "status_interval_s": 3600}
                """, false);
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("static");
        assertThat(call("framework_get_governor").isEmpty())
                .as("static uses no governor")
                .isTrue();
        call("framework_set_scheduler", scheduler("gscheduler"));
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("gscheduler");
        final JsonNode governor = call("framework_get_governor");
        assertThat(governor.get("governor_name").asString()).isEqualTo("simulated");
        assertThat(governor.get("cores")).hasSize(2);
        assertThat(governor.get("cores").get(0).get("lcore_id").asInt()).isEqualTo(lcore(0));
        assertThat(governor.get("cores").get(0).get("current_frequency").isNumber())
                .isTrue();
        assertThat(governor.get("module_specific").get("env").asString()).isNotEmpty();
        assertThat(call("framework_get_reactors").get("reactors").get(0).has("core_freq"))
                .as("core_freq while a governor is installed")
                .isTrue();
        call("framework_set_scheduler", scheduler("static"));
        assertThat(call("framework_get_governor").isEmpty())
                .as("dropped with gscheduler")
                .isTrue();
        assertThat(call("framework_get_reactors").get("reactors").get(0).has("core_freq"))
                .isFalse();
    }

    @Test
    void withoutCpufreqGschedulerCannotInstallItsGovernor() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cpufreq")))
                .as("a machine with cpufreq would have its frequencies changed")
                .isFalse();
        run("""
                {"reactors": {"count": 2, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "status_interval_s": 3600}
                """, false);
        assertThatThrownBy(() -> call("framework_set_scheduler", scheduler("gscheduler")))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(-32603))
                .hasMessageContaining("cannot install its governor")
                .hasMessageContaining("cpufreq");
        assertThat(call("framework_get_scheduler").get("scheduler_name").asString())
                .isEqualTo("static");
        call("framework_set_scheduler", scheduler("dynamic"));
        assertThat(call("framework_get_scheduler").has("governor_name"))
                .as("dynamic runs without")
                .isFalse();
        assertThat(call("framework_get_governor").isEmpty()).isTrue();
        host.close();
        host = null;
        rpc.close();
        rpc = null;
        assertThatThrownBy(() -> run("""
                {"reactors": {"count": 1, "watchdog_ms": 0}, "balancer": {"name": "gscheduler"}}
                """, false))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.path()).isEqualTo("balancer.governor"));
    }

    @Test
    void coreIsolatingSh() throws Exception {
        run("""
                {"reactors": {"count": 3, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "strands": [{"name": "thread0", "reactor": 0, "tasklets": ["%1$s"]},
                             {"name": "thread1", "reactor": 1, "tasklets": ["%1$s"]},
                             {"name": "thread2", "reactor": 2, "tasklets": ["%1$s"]}],
                 "balancer": {"governor": "simulated"}, "status_interval_s": 3600}
                """.formatted(BUSY), true);
        final int isolatedCore = lcore(1);
        final int schedulingCore = lcore(2);
        call(
                "scheduler_set_options",
                MAPPER.createObjectNode()
                        .put("scheduling_core", schedulingCore)
                        .put("isolated_core_mask", "[" + isolatedCore + "]"));
        call("framework_start_init");
        final List<Long> isolatedThreads = threadsOn(isolatedCore);
        call("framework_set_scheduler", scheduler("dynamic").put("period", 20_000));
        assertThat(threadsOn(isolatedCore))
                .as("the isolated core keeps its threads")
                .isEqualTo(isolatedThreads);
        final int idleThreadCount = threadsOn(schedulingCore).size();
        assertThat(idleThreadCount)
                .as("idle threads gather on the scheduling core")
                .isEqualTo(2);
        LoadTasklets.BUSY.set(true);
        awaitRounds(20);
        assertThat(threadsOn(isolatedCore)).isEqualTo(isolatedThreads);
        assertThat(threadsOn(schedulingCore).size()).isLessThanOrEqualTo(idleThreadCount);
        assertThat(call("framework_get_scheduler").get("isolated_core_mask").asString())
                .isEqualTo(CpuSet.of(isolatedCore).toMask());
    }

    @Test
    void idleSh() throws Exception {
        run("""
                {"reactors": {"count": 3, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "strands": [{"name": "app_thread", "tasklets": ["%1$s"]}, {"name": "a", "tasklets": ["%1$s"]},
                             {"name": "b", "tasklets": ["%1$s"]}, {"name": "c", "tasklets": ["%1$s"]}],
                 "balancer": {"name": "dynamic", "period_us": 20000, "governor": "simulated"},
                 "status_interval_s": 3600}
                """.formatted(IDLE), false);
        final int mainCore = lcore(0);
        await().atMost(PATIENCE).until(() -> threadsOn(mainCore).size() == 4);
        for (int sample = 0; sample < 5; sample++) {
            awaitRounds(1);
            assertThat(threadsOn(mainCore))
                    .as("every thread stays on the main core")
                    .hasSize(4);
            for (final JsonNode thread : call("thread_get_stats").get("threads")) {
                assertThat(thread.get("idle").asLong())
                        .as("%s is idle", thread.get("name"))
                        .isGreaterThan(thread.get("busy").asLong());
            }
        }
    }

    @Test
    void interruptSh() throws Exception {
        run("""
                {"reactors": {"count": 3, "mode": "sleep", "pinned": false, "watchdog_ms": 0},
                 "strands": [{"name": "app_thread", "reactor": 0, "tasklets": ["%s"]},
                             {"name": "thread1", "reactor": 1, "tasklets": ["%s"]}],
                 "balancer": {"name": "dynamic", "period_us": 20000, "governor": "simulated"},
                 "status_interval_s": 3600}
                """.formatted(IDLE, BUSY), false);
        final int mainCore = lcore(0);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (int reactor = 1; reactor < 3; reactor++) {
                assertThat(inInterrupt(lcore(reactor)))
                        .as("reactor %d parked", reactor)
                        .isTrue();
                assertThat(threadsOn(lcore(reactor))).isEmpty();
            }
        });
        assertThat(inInterrupt(mainCore)).as("the main core never parks").isFalse();
        LoadTasklets.BUSY.set(true);
        // The busy thread may go back and forth before it settles: in the round after a move its busy time is short
        // by the time it spent moving, so it can fit on the main core again (SPDK's dynamic scheduler does the same).
        // What the script checks is that some other core, holding it, leaves interrupt mode.
        await().atMost(PATIENCE).until(() -> polledCoreHoldingAThread(lcore(1), lcore(2)));
        LoadTasklets.BUSY.set(false);
        await().atMost(PATIENCE)
                .until(() -> threadsOn(mainCore).size() == 2 && inInterrupt(lcore(1)) && inInterrupt(lcore(2)));
    }

    /** Whether one of the cores holds a thread and is out of interrupt mode, read from one reactors answer. */
    private boolean polledCoreHoldingAThread(final int... lcores) {
        for (final JsonNode reactor : call("framework_get_reactors").get("reactors")) {
            final int lcore = reactor.get("lcore").asInt();
            if (Arrays.stream(lcores).anyMatch(c -> c == lcore)
                    && !reactor.get("lw_threads").isEmpty()
                    && !reactor.get("in_interrupt").asBoolean()) {
                return true;
            }
        }
        return false;
    }
}
