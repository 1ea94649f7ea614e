package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@code framework_wait_init} as SPDK's: any params ignored, and during start-up it waits until init. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitInitTest {

    @TempDir
    Path dir;

    private ReactorGroup group;
    private RpcRegistry registry;
    private SpdkMethods methods;
    private JsonRpcServer server;

    @BeforeEach
    void start() throws URISyntaxException {
        group = ReactorGroup.builder().name("init").reactors(1).build().start();
        registry = new RpcRegistry(RpcState.STARTUP);
        methods = SpdkMethods.register(
                registry,
                group,
                "0.1.0-SNAPSHOT",
                Path.of(getClass().getResource("/proc-stat-fixture").toURI()));
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("w.sock")), registry);
    }

    @AfterEach
    void stop() {
        server.close();
        group.close();
    }

    private CompletableFuture<JsonNode> waitInit(final JsonNode params) {
        final CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                answer.complete(client.call("framework_wait_init", params));
            } catch (final RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    @Test
    void emptyParamsAreFineAndTheCallWaitsForInit() {
        final CompletableFuture<JsonNode> withEmptyParams = waitInit(JsonNodeFactory.instance.objectNode());
        final CompletableFuture<JsonNode> withNone = waitInit(null);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.requestCount() == 2);
        assertThat(withEmptyParams).isNotDone();
        assertThat(withNone).isNotDone();
        registry.state(RpcState.RUNTIME);
        methods.initialized();
        assertThat(withEmptyParams.join().asBoolean()).isTrue();
        assertThat(withNone.join().asBoolean()).isTrue();
    }

    @Test
    void aWaitingCallEndsWhenTheServerCloses() {
        final CompletableFuture<JsonNode> waiting = waitInit(null);
        await().atMost(Duration.ofSeconds(30)).until(() -> server.requestCount() == 1);
        server.close();
        assertThatThrownBy(waiting::join).cause().isInstanceOfAny(java.io.UncheckedIOException.class, RpcError.class);
    }
}
