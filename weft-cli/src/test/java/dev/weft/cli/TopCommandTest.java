package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.cli.top.TopDetails;
import dev.weft.cli.top.TopSample;
import dev.weft.cli.top.TopTab;
import dev.weft.cli.top.TopView;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import dev.weft.rpc.methods.ProcStat;
import dev.weft.rpc.methods.SchedulerMethods;
import dev.weft.rpc.methods.SpdkMethods;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TopCommandTest {

    @TempDir
    Path dir;

    private static Set<String> keys(final JsonNode node) {
        final Set<String> keys = new HashSet<>();
        node.propertyNames().forEach(keys::add);
        return keys;
    }

    @Test
    void onceJsonPrintsEveryTabFromSpdkMethods() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("top")
                .reactors(2)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final Strand strand = Strand.of("busy");
            group.add(strand, group.reactor(1)).get();
            strand.add(Tasklet.of("spin", () -> 1)).get();
            strand.add(Tasklet.timed("tick", Duration.ofMillis(10), () -> 0)).get();
            final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
            SpdkMethods.register(registry, group, "0.1.0", ProcStat.PROC_STAT).initialized();
            try (JsonRpcServer server =
                    JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("t.sock")), registry)) {
                final StringWriter out = new StringWriter();
                final StringWriter err = new StringWriter();
                final int status = WeftCommand.commandLine()
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute("top", "-s", server.socketPath().toString(), "--once", "--json", "-i", "100");
                assertThat(status).as(err.toString()).isZero();
                final JsonNode result = JsonMapper.builder().build().readTree(out.toString());
                assertThat(keys(result))
                        .containsExactlyInAnyOrder("tick_rate", "interval_ms", "threads", "pollers", "cores");
                assertThat(result.get("threads")).hasSize(1);
                final JsonNode thread = result.get("threads").get(0);
                assertThat(keys(thread))
                        .containsExactlyInAnyOrder(
                                "thread_name",
                                "id",
                                "core",
                                "active_pollers",
                                "timed_pollers",
                                "paused_pollers",
                                "idle_us",
                                "busy_us",
                                "cpu_pct");
                assertThat(thread.get("core").asInt())
                        .isEqualTo(group.reactor(1).cpu());
                assertThat(thread.get("cpu_pct").asDouble()).isBetween(0.0, 100.0);
                assertThat(result.get("pollers"))
                        .extracting(p -> p.get("poller_name").asString())
                        .containsExactlyInAnyOrder("spin", "tick");
                assertThat(result.get("pollers").get(0).get("poller_name").asString())
                        .isEqualTo("spin");
                assertThat(result.get("cores")).hasSize(2);
                for (final JsonNode core : result.get("cores")) {
                    assertThat(keys(core))
                            .containsExactlyInAnyOrder(
                                    "core",
                                    "threads",
                                    "pollers",
                                    "idle_us",
                                    "busy_us",
                                    "busy_pct",
                                    "status",
                                    "in_interrupt",
                                    "sys_pct",
                                    "irq_pct",
                                    "freq_mhz");
                    assertThat(core.get("freq_mhz").isNull()
                                    || core.get("freq_mhz").isNumber())
                            .isTrue();
                    assertThat(core.get("sys_pct").isNull()
                                    || core.get("sys_pct").isNumber())
                            .isTrue();
                }
                final JsonNode spin = result.get("pollers").get(0);
                assertThat(spin.get("period_us").isNull()).as(spin.toString()).isTrue();
                assertThat(result.get("pollers").get(1).get("period_us").asLong())
                        .isEqualTo(10_000);
                assertThat(result.get("cores").get(0).get("threads").asInt()
                                + result.get("cores").get(1).get("threads").asInt())
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void unreachableServerIsReported() {
        final StringWriter err = new StringWriter();
        final int status = WeftCommand.commandLine()
                .setErr(new PrintWriter(err))
                .execute("top", "-s", dir.resolve("none.sock").toString(), "--once", "--json");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("cannot reach");
    }

    @Test
    void onceJsonCarriesTheBalancerWhenTheServerReportsOne() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("top-round")
                        .reactors(2)
                        .mode(ReactorMode.SLEEP)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                BalancingRound round = BalancingRound.start(
                        group,
                        BalancingConfig.builder()
                                .balancer(new DynamicBalancer())
                                .periodMicros(500_000)
                                .build())) {
            final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
            SpdkMethods.register(registry, group, "0.1.0", ProcStat.PROC_STAT).initialized();
            SchedulerMethods.register(registry, group, round);
            try (JsonRpcServer server =
                    JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("b.sock")), registry)) {
                final StringWriter out = new StringWriter();
                final StringWriter err = new StringWriter();
                final int status = WeftCommand.commandLine()
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute("top", "-s", server.socketPath().toString(), "--once", "--json", "-i", "10");
                assertThat(status).as(err.toString()).isZero();
                final JsonNode scheduler =
                        JsonMapper.builder().build().readTree(out.toString()).get("scheduler");
                assertThat(scheduler.get("scheduler_name").asString()).isEqualTo("dynamic");
                assertThat(scheduler.get("scheduler_period").asLong()).isEqualTo(500_000);
                final StringWriter tables = new StringWriter();
                assertThat(WeftCommand.commandLine()
                                .setOut(new PrintWriter(tables))
                                .execute("top", "-s", server.socketPath().toString(), "--once", "-i", "10"))
                        .isZero();
                assertThat(tables.toString()).startsWith("balancer dynamic  period 500000 us");
            }
        }
    }

    @Test
    void theViewOpensALiveThreadsDetailsAndTheSchedulerPopUp() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("top-view")
                        .reactors(2)
                        .mode(ReactorMode.SLEEP)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                BalancingRound round = BalancingRound.start(
                        group,
                        BalancingConfig.builder()
                                .balancer(new DynamicBalancer())
                                .periodMicros(500_000)
                                .build())) {
            final Strand strand = Strand.of("ticker");
            group.add(strand, group.reactor(1)).get();
            strand.add(Tasklet.timed("tick", Duration.ofMillis(10), () -> 0)).get();
            final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
            SpdkMethods.register(registry, group, "0.1.0", ProcStat.PROC_STAT).initialized();
            SchedulerMethods.register(registry, group, round);
            try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("v.sock")), registry);
                    JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                final TopView view = new TopView(Duration.ofSeconds(1));
                view.sample(TopSample.take(client));
                view.sample(TopSample.take(client));
                view.render(200, 40);
                final List<List<Object>> threads = view.rows(TopTab.THREADS);
                final int index =
                        threads.stream().map(row -> row.getFirst()).toList().indexOf("ticker");
                for (int i = 0; i < index; i++) {
                    view.press(TopView.Key.DOWN);
                }
                view.press(TopView.Key.ENTER);
                assertThat(view.popup()).containsInstanceOf(TopDetails.ThreadRef.class);
                final String details = String.join("\n", view.render(200, 40).lines());
                assertThat(details)
                        .contains("ticker")
                        .contains("Timed pollers: 1")
                        .containsPattern("tick +Timed +\\d+ +10000");
                view.press(TopView.Key.ESCAPE);
                view.type('g');
                assertThat(String.join("\n", view.render(200, 40).lines()))
                        .contains("Name: dynamic")
                        .contains("Period [us]: 500000");
            }
        }
    }
}
