package dev.weft.rpc;

import static dev.weft.rpc.RpcTestSupport.closedByServer;
import static dev.weft.rpc.RpcTestSupport.raw;
import static dev.weft.rpc.RpcTestSupport.readLines;
import static dev.weft.rpc.RpcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.IntNode;

/**
 * The connection cap cannot be starved: connections that trickle requests make room for newcomers (the one idle
 * longest is closed), and a connection refused because every slot runs a method is told why. The server's clock is
 * a counter the test advances, so idleness is ordered deterministically.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionCapTest {

    private static final String ONE = "{\"method\":\"one\",\"id\":1}";
    private static final String ANSWER = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}\n";

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch blocked = new CountDownLatch(2);
    private JsonRpcServer server;

    private void start(final int cap) {
        server = JsonRpcServer.start(
                RpcServerConfig.defaults(dir.resolve("c.sock")).withMaxConnections(cap),
                new RpcRegistry(RpcState.RUNTIME)
                        .runtime("one", params -> IntNode.valueOf(1))
                        .runtime("block", params -> {
                            blocked.countDown();
                            try {
                                return BooleanNode.valueOf(release.await(30, TimeUnit.SECONDS));
                            } catch (final InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                        }),
                failure -> {},
                now::get,
                (name, body) -> Thread.ofPlatform().daemon().name(name).start(body));
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private String ask(final SocketChannel channel) throws IOException {
        write(channel, ONE);
        return readLines(channel, 1);
    }

    @Test
    void trickleConnectionsCannotLockOutANewcomer() throws IOException {
        start(2);
        try (SocketChannel first = raw(server.socketPath());
                SocketChannel second = raw(server.socketPath())) {
            now.addAndGet(1_000_000);
            assertThat(ask(first)).isEqualTo(ANSWER);
            now.addAndGet(1_000_000);
            assertThat(ask(second)).isEqualTo(ANSWER);
            now.addAndGet(1_000_000);
            assertThat(ask(first)).isEqualTo(ANSWER);
            now.addAndGet(1_000_000);
            try (SocketChannel probe = raw(server.socketPath())) {
                assertThat(ask(probe)).as("the newcomer is served").isEqualTo(ANSWER);
                assertThat(closedByServer(second))
                        .as("the connection idle longest made room")
                        .isTrue();
                assertThat(ask(first)).isEqualTo(ANSWER);
                assertThat(server.evictedCount()).isEqualTo(1);
                assertThat(server.refusedCount()).isZero();
            }
        }
    }

    @Test
    void whenEverySlotRunsAMethodTheNewcomerIsToldTooManyConnections() throws Exception {
        start(2);
        try (SocketChannel first = raw(server.socketPath());
                SocketChannel second = raw(server.socketPath())) {
            write(first, "{\"method\":\"block\",\"id\":1}");
            write(second, "{\"method\":\"block\",\"id\":1}");
            assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                try (SocketChannel refused = raw(server.socketPath())) {
                    assertThat(readLines(refused, 1))
                            .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                                    + "{\"code\":-32000,\"message\":\"too many connections\"}}\n");
                    assertThat(closedByServer(refused)).isTrue();
                }
            }
            assertThat(server.refusedCount()).isEqualTo(3);
            release.countDown();
            assertThat(readLines(first, 1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");
            assertThat(readLines(second, 1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}\n");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 0);
    }

    @Test
    void aConnectionStalledMidRequestIsIdleToo() throws IOException {
        start(1);
        try (SocketChannel slow = raw(server.socketPath())) {
            write(slow, "{\"method\":");
            now.addAndGet(1_000_000);
            try (SocketChannel probe = raw(server.socketPath())) {
                assertThat(ask(probe)).isEqualTo(ANSWER);
                assertThat(closedByServer(slow)).isTrue();
            }
        }
    }
}
