package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.balance.SimulatedGovernor;
import dev.weft.platform.CpuSet;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpdkMethodsTest {

    /** spdk_top's strict decoders: the exact key sets {@code app/spdk_top/spdk_top.c} decodes. */
    static final Set<String> REACTOR_KEYS =
            Set.of("lcore", "busy", "idle", "irq", "sys", "usr", "in_interrupt", "lw_threads", "tid", "numa_id");

    static final Set<String> LW_THREAD_KEYS = Set.of("name", "id", "cpumask", "elapsed");
    static final Set<String> THREAD_KEYS = Set.of(
            "name",
            "id",
            "cpumask",
            "busy",
            "idle",
            "active_pollers_count",
            "timed_pollers_count",
            "paused_pollers_count");
    static final Set<String> POLLER_THREAD_KEYS =
            Set.of("name", "id", "active_pollers", "timed_pollers", "paused_pollers");
    static final Set<String> POLLER_KEYS = Set.of("name", "state", "id", "run_count", "busy_count");

    @TempDir
    Path dir;

    private ReactorGroup group;
    private JsonRpcServer server;
    private SpdkMethods methods;
    private JsonRpcClient client;
    private Tasklet sleepy;
    private final AtomicInteger work = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        group = ReactorGroup.builder()
                .name("spdk")
                .reactors(2)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        final Strand io =
                Strand.builder("io").cpuMask(CpuSet.of(group.reactor(0).cpu())).build();
        final Strand app = Strand.of("app");
        group.add(io, group.reactor(0)).get();
        group.add(app, group.reactor(1)).get();
        io.add(Tasklet.of("rx", () -> work.getAndIncrement() % 2)).get();
        io.add(Tasklet.timed("stats", Duration.ofMillis(5), () -> 1)).get();
        sleepy = Tasklet.of("sleepy", () -> 0);
        app.add(sleepy).get();
        sleepy.pause();
        final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
        methods = SpdkMethods.register(
                registry,
                group,
                "0.1.0-SNAPSHOT",
                Path.of(getClass().getResource("/proc-stat-fixture").toURI()));
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("spdk.sock")), registry);
        client = JsonRpcClient.connect(server.socketPath(), true);
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (group != null) {
            group.close();
        }
    }

    private static Set<String> keys(final JsonNode object) {
        final Set<String> names = new java.util.HashSet<>();
        object.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void reactorsReportCoreFrequencyWhenAGovernorManagesTheirCpu() throws Exception {
        final SimulatedGovernor governor =
                new SimulatedGovernor(CpuSet.of(group.reactor(0).cpu()), List.of(2_400_000L, 1_200_000L));
        governor.min(group.reactor(0).cpu());
        final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
        SpdkMethods.register(
                registry,
                group,
                "0.1.0-SNAPSHOT",
                Path.of(getClass().getResource("/proc-stat-fixture").toURI()),
                () -> Optional.of(governor));
        try (JsonRpcServer governed =
                        JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("governed.sock")), registry);
                JsonRpcClient governedClient = JsonRpcClient.connect(governed.socketPath(), false)) {
            final JsonNode reactors =
                    governedClient.call("framework_get_reactors", null).get("reactors");
            final Set<String> withFrequency = new java.util.HashSet<>(REACTOR_KEYS);
            withFrequency.add("core_freq");
            assertThat(keys(reactors.get(0))).isEqualTo(withFrequency);
            assertThat(reactors.get(0).get("core_freq").asLong()).isEqualTo(1_200);
            assertThat(keys(reactors.get(1))).isEqualTo(REACTOR_KEYS);
        }
    }

    @Test
    void reactorsHaveSpdkKeysExactly() {
        await().atMost(Duration.ofSeconds(30)).until(() -> work.get() > 10);
        final JsonNode result = client.call("framework_get_reactors", null);
        assertThat(keys(result)).containsExactlyInAnyOrder("tick_rate", "pid", "reactors");
        assertThat(result.get("tick_rate").asLong()).isEqualTo(1_000_000_000L);
        assertThat(result.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(result.get("reactors")).hasSize(2);
        final List<String> names = new ArrayList<>();
        for (final JsonNode reactor : result.get("reactors")) {
            assertThat(keys(reactor)).isEqualTo(REACTOR_KEYS);
            assertThat(reactor.get("in_interrupt").isBoolean()).isTrue();
            assertThat(reactor.get("busy").asLong() + reactor.get("idle").asLong())
                    .isPositive();
            for (final JsonNode thread : reactor.get("lw_threads")) {
                assertThat(keys(thread)).isEqualTo(LW_THREAD_KEYS);
                assertThat(thread.get("elapsed").asLong()).isPositive();
                names.add(thread.get("name").asString());
            }
        }
        assertThat(names).containsExactlyInAnyOrder("io", "app");
        final JsonNode first = result.get("reactors").get(0);
        final int lcore = first.get("lcore").asInt();
        assertThat(first.get("lw_threads").get(0).get("cpumask").asString())
                .isEqualTo(CpuSet.of(lcore).toMask())
                .doesNotStartWith("0x");
        if (lcore == 1) {
            assertThat(first.get("usr").asLong()).isEqualTo(300);
            assertThat(first.get("sys").asLong()).isEqualTo(200);
            assertThat(first.get("irq").asLong()).isEqualTo(3);
        } else if (lcore == 0) {
            assertThat(first.get("usr").asLong()).isEqualTo(200);
            assertThat(first.get("irq").asLong()).isEqualTo(4);
        }
    }

    @Test
    void threadStatsHaveSpdkKeysAndCounts() {
        final JsonNode result = client.call("thread_get_stats", null);
        assertThat(keys(result)).containsExactlyInAnyOrder("tick_rate", "threads");
        assertThat(result.get("threads")).hasSize(2);
        for (final JsonNode thread : result.get("threads")) {
            assertThat(keys(thread)).isEqualTo(THREAD_KEYS);
            final String name = thread.get("name").asString();
            if (name.equals("io")) {
                assertThat(thread.get("active_pollers_count").asInt()).isEqualTo(1);
                assertThat(thread.get("timed_pollers_count").asInt()).isEqualTo(1);
                assertThat(thread.get("paused_pollers_count").asInt()).isZero();
            } else {
                assertThat(thread.get("active_pollers_count").asInt()).isZero();
                assertThat(thread.get("paused_pollers_count").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void pollersHaveSpdkKeysAndPeriodOnlyWhenTimed() {
        await().atMost(Duration.ofSeconds(30)).until(() -> work.get() > 10);
        final JsonNode result = client.call("thread_get_pollers", null);
        assertThat(keys(result)).containsExactlyInAnyOrder("tick_rate", "threads");
        int timedSeen = 0;
        for (final JsonNode thread : result.get("threads")) {
            assertThat(keys(thread)).isEqualTo(POLLER_THREAD_KEYS);
            for (final JsonNode poller : thread.get("active_pollers")) {
                assertThat(keys(poller)).isEqualTo(POLLER_KEYS);
                assertThat(poller.get("state").asString()).isEqualTo("waiting");
                assertThat(poller.get("run_count").asLong())
                        .isGreaterThanOrEqualTo(poller.get("busy_count").asLong());
            }
            for (final JsonNode poller : thread.get("timed_pollers")) {
                final Set<String> expected = new java.util.HashSet<>(POLLER_KEYS);
                expected.add("period_ticks");
                assertThat(keys(poller)).isEqualTo(expected);
                assertThat(poller.get("period_ticks").asLong()).isEqualTo(5_000_000L);
                timedSeen++;
            }
            for (final JsonNode poller : thread.get("paused_pollers")) {
                assertThat(keys(poller)).isEqualTo(POLLER_KEYS);
                assertThat(poller.get("state").asString()).isEqualTo("paused");
                assertThat(poller.get("id").asLong()).isEqualTo(sleepy.id());
            }
        }
        assertThat(timedSeen).isEqualTo(1);
    }

    @Test
    void paramsWhereSpdkTakesNoneAreInvalid() {
        for (final String method :
                List.of("framework_get_reactors", "thread_get_stats", "thread_get_pollers", "spdk_get_version")) {
            assertThatThrownBy(() -> client.call(
                            method, JsonNodeFactory.instance.objectNode().put("x", 1)))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
        }
    }

    @Test
    void waitInitAnswersOnceInitializedAndVersionParses() throws Exception {
        final CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
            try (JsonRpcClient other = JsonRpcClient.connect(server.socketPath(), false)) {
                return other.call("framework_wait_init", null);
            }
        });
        methods.initialized();
        assertThat(waiting.get().asBoolean()).isTrue();
        final JsonNode version = client.call("spdk_get_version", null);
        assertThat(keys(version)).containsExactlyInAnyOrder("version", "fields");
        assertThat(version.get("fields").get("major").asInt()).isZero();
        assertThat(version.get("fields").get("minor").asInt()).isEqualTo(1);
        assertThat(version.get("fields").get("suffix").asString()).isEqualTo("-SNAPSHOT");
    }

    @Test
    void procStatParsesOnlyCpuLines() {
        final ProcStat stat = ProcStat.parse(String.join(
                "\n",
                "cpu  1 2 3 4 5 6 7",
                "cpu3 10 0 20 0 0 30 0",
                "cpux 1",
                "cpu4 bad 0 0 0 0 0 0",
                "cpu5 1 2 3",
                "cpu6 1 2 3 4 5 6x 7",
                "cpu7  11 0 21 0 0 31",
                "cpu99999999999 1 2 3 4 5 6 7",
                "cpu8 99999999999999999999 0 0 0 0 0 0",
                "intr 5",
                "cpu9 1 2 3 4 5 6 7"));
        assertThat(stat.usr()).containsOnlyKeys(3, 7).containsEntry(3, 10L).containsEntry(7, 11L);
        assertThat(stat.sys()).containsEntry(3, 20L).containsEntry(7, 21L);
        assertThat(stat.irq()).containsEntry(3, 30L).containsEntry(7, 31L);
    }

    private static long elapsedOf(final JsonNode reactors, final long strandId) {
        for (final JsonNode reactor : reactors.get("reactors")) {
            for (final JsonNode thread : reactor.get("lw_threads")) {
                if (thread.get("id").asLong() == strandId) {
                    return thread.get("elapsed").asLong();
                }
            }
        }
        throw new AssertionError("strand " + strandId + " is not listed");
    }

    @Test
    void elapsedCountsFromTheStrandsArrivalOnItsReactorAsSpdkResetsIt() throws Exception {
        final Strand mover = Strand.of("mover");
        group.add(mover, group.reactor(0)).get();
        final long placed = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> System.nanoTime() - placed > 200_000_000L);
        assertThat(elapsedOf(client.call("framework_get_reactors", null), mover.id()))
                .isGreaterThan(200_000_000L);
        final long beforeMove = System.nanoTime();
        group.move(mover, group.reactor(1)).get();
        final long elapsed = elapsedOf(client.call("framework_get_reactors", null), mover.id());
        assertThat(elapsed).as("reset by the move").isLessThanOrEqualTo(System.nanoTime() - beforeMove);
        assertThat(mover.stats().arrivedNanos()).isGreaterThanOrEqualTo(beforeMove);
    }

    @Test
    void internalStrandsAreNoSpdkThreads() throws Exception {
        final Strand internal = Strand.builder("balancing-round").internal().build();
        group.add(internal, group.reactor(0)).get();
        internal.add(Tasklet.timed("round", Duration.ofMillis(5), () -> 1)).get();
        final List<String> listed = new ArrayList<>();
        client.call("framework_get_reactors", null)
                .get("reactors")
                .forEach(r -> r.get("lw_threads")
                        .forEach(t -> listed.add(t.get("name").asString())));
        client.call("thread_get_stats", null)
                .get("threads")
                .forEach(t -> listed.add(t.get("name").asString()));
        client.call("thread_get_pollers", null)
                .get("threads")
                .forEach(t -> listed.add(t.get("name").asString()));
        assertThat(listed).contains("io", "app").doesNotContain("balancing-round");
    }
}
