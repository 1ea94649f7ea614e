package dev.weft.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.platform.Topology;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorListener;
import dev.weft.reactor.ReactorMode;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.methods.FailureLog;
import dev.weft.rpc.methods.WeftRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ControlPlaneTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private ReactorGroup group;
    private WeftRuntime runtime;
    private final AtomicReference<BalancingRound> started = new AtomicReference<>();

    @BeforeEach
    void startGroup() {
        group = ReactorGroup.builder()
                .name("control")
                .reactors(2)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        runtime = new WeftRuntime(
                group,
                Topology.read(),
                List.of(),
                Optional.empty(),
                new FailureLog(8, ReactorListener.logging()),
                Optional.empty());
    }

    @AfterEach
    void stop() {
        final BalancingRound round = started.get();
        if (round != null) {
            round.close();
        }
        group.close();
    }

    private static List<String> methods(final JsonRpcClient client) {
        final List<String> names = new ArrayList<>();
        client.call("rpc_get_methods", MAPPER.createObjectNode().put("current", true))
                .forEach(name -> names.add(name.asString()));
        return names;
    }

    @Test
    void atStartUpItServesStartUpMethodsUntilFrameworkStartInitStartsTheRound() throws Exception {
        final Path socket = dir.resolve("startup.sock");
        try (ControlPlane control = ControlPlane.serveAtStartup(
                        RpcServerConfig.defaults(socket),
                        runtime,
                        BalancingConfig.builder().build(),
                        config -> {
                            started.set(BalancingRound.start(group, config));
                            return started.get();
                        },
                        "0.1.0",
                        failure -> {});
                JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
            assertThat(methods(client))
                    .contains("scheduler_set_options", "framework_start_init")
                    .doesNotContain("framework_get_reactors");
            assertThat(control.round()).isEmpty();
            final CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
                try (JsonRpcClient other = JsonRpcClient.connect(socket, true)) {
                    return other.call("framework_wait_init", null);
                }
            });
            assertThat(client.call("framework_start_init", null).asBoolean()).isTrue();
            assertThat(waiting.get().asBoolean())
                    .as("initialized once the round runs")
                    .isTrue();
            assertThat(control.round()).containsSame(started.get());
            assertThat(client.call("framework_get_reactors", null).get("reactors"))
                    .hasSize(2);
            assertThatThrownBy(() -> client.call("framework_start_init", null))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(-1));
        }
        assertThat(Files.exists(socket)).as("closing deletes the socket").isFalse();
    }

    @Test
    void overARunningRoundItIsInitializedAtOnce() throws Exception {
        started.set(BalancingRound.start(group, BalancingConfig.builder().build()));
        final Path socket = dir.resolve("running.sock");
        try (ControlPlane control = ControlPlane.serve(
                        RpcServerConfig.defaults(socket), runtime, started.get(), "0.1.0", failure -> {});
                JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
            assertThat(client.call("framework_wait_init", null).asBoolean()).isTrue();
            assertThat(client.call("framework_get_scheduler", null)
                            .get("scheduler_name")
                            .asString())
                    .isEqualTo("static");
            assertThat(methods(client))
                    .contains("framework_get_reactors", "weft_get_reactors")
                    .doesNotContain("framework_start_init");
            assertThat(control.requestCount()).isPositive();
        }
    }
}
