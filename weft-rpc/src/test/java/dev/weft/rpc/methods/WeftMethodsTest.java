package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.fork.ForkExecutorService;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.platform.Topology;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessTask;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorListener;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WeftMethodsTest {

    @TempDir
    Path dir;

    private final FailureLog failures = new FailureLog(8, ReactorListener.logging());
    private final OutcomeLog outcomes = new OutcomeLog(8, outcome -> {});
    private ReactorGroup group;
    private WorkerPool pool;
    private MicroScheduler scheduler;
    private ProcessScheduler processes;
    private JsonRpcServer server;
    private JsonRpcClient client;
    private Strand strand;

    @BeforeEach
    void start() throws Exception {
        group = ReactorGroup.builder()
                .name("weft")
                .reactors(2)
                .mode(ReactorMode.SLEEP)
                .listener(failures)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        strand = Strand.of("mover");
        group.add(strand, group.reactor(0)).get();
        pool = WorkerPool.start(2);
        scheduler = MicroScheduler.start(pool);
        processes =
                ProcessScheduler.builder().workers(0).fallbackHandler(outcomes).build();
        processes.start();
        final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
        WeftMethods.register(
                registry,
                new WeftRuntime(
                        group,
                        Topology.read(),
                        List.of(pool),
                        Optional.of(processes),
                        failures,
                        Optional.of(outcomes)));
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("weft.sock")), registry);
        client = JsonRpcClient.connect(server.socketPath(), false);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        processes.close();
        group.close();
        pool.close();
    }

    private static ObjectNode params() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void moveStrandMovesItAndRejectsBadTargets() {
        assertThat(client.call(
                                "weft_move_strand",
                                params().put("strand_id", strand.id()).put("reactor", 1))
                        .asBoolean())
                .isTrue();
        assertThat(strand.reactor()).contains(group.reactor(1));
        assertThatThrownBy(() -> client.call(
                        "weft_move_strand", params().put("strand_id", 999_999).put("reactor", 0)))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.getMessage()).contains("999999"));
        assertThatThrownBy(() -> client.call(
                        "weft_move_strand",
                        params().put("strand_id", strand.id()).put("reactor", 7)))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.INVALID_PARAMS));
        assertThatThrownBy(() -> client.call(
                        "weft_move_strand", params().put("strand_id", "x").put("reactor", 0)))
                .hasMessageContaining("strand_id");
        assertThatThrownBy(() -> client.call(
                        "weft_move_strand",
                        params().put("strand_id", 1).put("reactor", 0).put("extra", true)))
                .hasMessageContaining("extra");
    }

    @Test
    void reactorsReportModesAndModeChanges() {
        assertThat(client.call(
                                "weft_set_reactor_mode",
                                params().put("reactor", 1).put("mode", "poll"))
                        .asBoolean())
                .isTrue();
        assertThat(group.reactor(1).mode()).isEqualTo(ReactorMode.POLL);
        final JsonNode reactors = client.call("weft_get_reactors", null).get("reactors");
        assertThat(reactors).hasSize(2);
        assertThat(reactors.get(1).get("mode").asString()).isEqualTo("poll");
        assertThat(reactors.get(0).get("mode").asString()).isEqualTo("sleep");
        assertThat(reactors.get(0).get("strands").asInt()).isEqualTo(1);
        assertThat(reactors.get(0).has("sleep_ratio_percent")).isTrue();
        assertThat(reactors.get(0).get("virtual_threads").asInt()).isZero();
        assertThatThrownBy(() -> client.call(
                        "weft_set_reactor_mode", params().put("reactor", 0).put("mode", "nap")))
                .hasMessageContaining("nap");
    }

    @Test
    void reactorsCountTheVirtualThreadsTheirStrandsCarry() throws Exception {
        final CountDownLatch gate = new CountDownLatch(1);
        final Thread waiter = strand.virtualThreads().start(() -> {
            try {
                gate.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            final JsonNode reactors = client.call("weft_get_reactors", null).get("reactors");
            assertThat(reactors.get(0).get("virtual_threads").asInt()).isEqualTo(1);
            assertThat(reactors.get(1).get("virtual_threads").asInt()).isZero();
            final JsonNode carriers = reactors.get(0).get("strand_virtual_threads");
            assertThat(carriers).hasSize(1);
            assertThat(carriers.get(0).get("id").asLong()).isEqualTo(strand.id());
            assertThat(carriers.get(0).get("name").asString()).isEqualTo(strand.name());
            assertThat(carriers.get(0).get("virtual_threads").asInt()).isEqualTo(1);
            assertThat(reactors.get(1).get("strand_virtual_threads")).isEmpty();
        } finally {
            gate.countDown();
        }
        waiter.join();
    }

    @Test
    void failuresAreReportedWithTaskletAndStrand() throws Exception {
        strand.add(Tasklet.of("boom", () -> {
                    throw new IllegalStateException("kaput");
                }))
                .get();
        await().atMost(Duration.ofSeconds(30)).until(() -> failures.failureCount() > 0);
        final JsonNode result = client.call("weft_get_failures", null);
        assertThat(result.get("failure_count").asLong()).isEqualTo(1);
        final JsonNode failure = result.get("failures").get(0);
        assertThat(failure.get("source").asString()).isEqualTo("boom");
        assertThat(failure.get("strand").asString()).isEqualTo("mover");
        assertThat(failure.get("kind").asString()).isEqualTo("tasklet");
        assertThat(failure.get("error").asString()).contains("kaput");
    }

    @Test
    void workerPoolsReportTasksPerWorker() throws Exception {
        final ForkExecutorService executor = new ForkExecutorService(pool, scheduler);
        final List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            final int n = i;
            results.add(executor.submit(() -> n));
        }
        for (final Future<Integer> result : results) {
            result.get();
        }
        final JsonNode pools = client.call("weft_get_worker_pools", null).get("pools");
        assertThat(pools).hasSize(1);
        assertThat(pools.get(0).get("workers").asInt()).isEqualTo(2);
        final JsonNode sched = pools.get(0).get("micro_schedulers").get(0);
        assertThat(sched.get("tasks").asLong()).isGreaterThanOrEqualTo(100);
        long perWorker = 0;
        for (final JsonNode worker : sched.get("workers")) {
            assertThat(worker.has("steals")).isTrue();
            assertThat(worker.has("parks")).isTrue();
            perWorker += worker.get("tasks").asLong();
        }
        assertThat(perWorker).isEqualTo(sched.get("tasks").asLong());
    }

    @Test
    void processSchedulerReportsCountsAndRecentOutcomes() {
        processes.submit(
                ProcessTask.function("double", Doubler.class).input("21").build());
        processes.submit(
                ProcessTask.function("double", Doubler.class).input("\"x\"").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            processes.run();
            return processes.stats().outcomes() == 2;
        });
        final JsonNode result = client.call("weft_get_process_scheduler", null);
        assertThat(result.get("enabled").asBoolean()).isTrue();
        assertThat(result.get("outcomes").get("ok").asLong()).isEqualTo(1);
        assertThat(result.get("outcomes").get("failed").asLong()).isEqualTo(1);
        assertThat(result.get("recent"))
                .extracting(n -> n.get("outcome").asString())
                .containsExactlyInAnyOrder("ok", "failed");
    }

    @Test
    void topologyListsCpus() {
        final JsonNode result = client.call("weft_get_topology", null);
        assertThat(result.get("online").asString()).isNotEmpty();
        assertThat(result.get("cores").size()).isPositive();
    }
}
