package dev.weft.rpc;

import static dev.weft.rpc.RpcTestSupport.raw;
import static dev.weft.rpc.RpcTestSupport.readLines;
import static dev.weft.rpc.RpcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.IntNode;

/**
 * Memory amplification and thread failures: batches of empty objects are refused while streamed, the memory for
 * requests in flight stays within its pool, a well-behaved client is answered and new connections are accepted
 * throughout; an accept loop that fails backs off and recovers, and one that cannot recover reports it.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileClientsTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private static RpcRegistry registry() {
        return new RpcRegistry(RpcState.RUNTIME).runtime("one", params -> IntNode.valueOf(1));
    }

    /** A 1 MiB batch of empty objects: {@code [{},{},...]}. */
    private static byte[] emptyObjectBatch() {
        final StringBuilder batch = new StringBuilder(MIB).append('[');
        while (batch.length() < MIB - 4) {
            batch.append("{},");
        }
        return batch.append("{}]").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void batchesOfEmptyObjectsCannotExhaustMemoryOrLockOutAWellBehavedClient() throws Exception {
        final long pool = 4L * MIB;
        final RpcServerConfig config =
                RpcServerConfig.defaults(dir.resolve("h.sock")).withMaxInFlightBytes(pool);
        final byte[] attack = emptyObjectBatch();
        final AtomicBoolean attacking = new AtomicBoolean(true);
        final AtomicInteger refusals = new AtomicInteger();
        final AtomicLong lowestPoolLeft = new AtomicLong(pool);
        try (JsonRpcServer server = JsonRpcServer.start(config, registry());
                ExecutorService attackers = Executors.newVirtualThreadPerTaskExecutor()) {
            final List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                running.add(CompletableFuture.runAsync(
                        () -> {
                            while (attacking.get()) {
                                try (SocketChannel channel = raw(server.socketPath())) {
                                    write(channel, attack);
                                    final String answer = readLines(channel, 1);
                                    if (answer.contains("-32600") || answer.contains("-32000")) {
                                        refusals.incrementAndGet();
                                    }
                                } catch (final IOException closedUnderUs) {
                                    // refused and closed while still sending: the next round reconnects
                                }
                            }
                        },
                        attackers));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> refusals.get() >= 8);
            for (int i = 0; i < 50; i++) {
                try (JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                    assertThat(client.call("one", null).asInt()).isEqualTo(1);
                }
                lowestPoolLeft.accumulateAndGet(server.inFlightPoolLeft(), Math::min);
            }
            attacking.set(false);
            running.forEach(CompletableFuture::join);
            assertThat(lowestPoolLeft.get()).isBetween(0L, pool);
            await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 0);
            assertThat(server.inFlightPoolLeft())
                    .as("every connection gave its memory back")
                    .isEqualTo(pool);
        }
    }

    @Test
    void aBatchOverTheCapIsRefusedUnbuiltAndTheConnectionGoesOn() throws IOException {
        try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("b.sock")), registry());
                SocketChannel channel = raw(server.socketPath())) {
            write(channel, emptyObjectBatch());
            write(channel, "{\"method\":\"one\",\"id\":2}");
            final String[] lines = readLines(channel, 2).split("\n");
            assertThat(lines[0])
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                            + "\"message\":\"Invalid request: a batch may hold at most 1024 requests\"}}");
            assertThat(lines[1]).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}");
        }
    }

    @Test
    void aRequestBeyondThePoolIsRefusedWithServerBusyAndTheMemoryComesBack() throws IOException {
        final RpcServerConfig config =
                RpcServerConfig.defaults(dir.resolve("p.sock")).withMaxInFlightBytes(0);
        try (JsonRpcServer server = JsonRpcServer.start(config, registry())) {
            try (SocketChannel channel = raw(server.socketPath())) {
                write(channel, "{\"method\":\"one\",\"id\":1,\"params\":[\"" + "x".repeat(300_000) + "\"]}");
                assertThat(readLines(channel, 1))
                        .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                                + "{\"code\":-32000,\"message\":\"server busy: ");
            }
            try (JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                assertThat(client.call("one", null).asInt())
                        .as("small requests fit the allowance")
                        .isEqualTo(1);
            }
            assertThat(server.inFlightPoolLeft()).isZero();
        }
    }

    @Test
    void anAcceptLoopThatCannotStartThreadsBacksOffAndRecovers() throws IOException {
        final AtomicInteger failuresLeft = new AtomicInteger(3);
        final JsonRpcServer.ThreadStarter flaky = (name, body) -> {
            if (name.equals("weft-rpc-connection") && failuresLeft.getAndDecrement() > 0) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory");
            }
            return Thread.ofPlatform().daemon().name(name).start(body);
        };
        try (JsonRpcServer server = JsonRpcServer.start(
                RpcServerConfig.defaults(dir.resolve("f.sock")), registry(), failure -> {}, System::nanoTime, flaky)) {
            for (int i = 0; i < 3; i++) {
                try (SocketChannel refused = raw(server.socketPath())) {
                    assertThat(RpcTestSupport.closedByServer(refused)).isTrue();
                }
            }
            try (JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                assertThat(client.call("one", null).asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void aServerThatCanNoLongerServeClosesAndSaysSo() throws IOException {
        final AtomicLong now = new AtomicLong();
        final CompletableFuture<Throwable> gaveUp = new CompletableFuture<>();
        final JsonRpcServer.ThreadStarter broken = (name, body) -> {
            if (name.equals("weft-rpc-connection")) {
                now.addAndGet(JsonRpcServer.UNABLE_TO_SERVE_AFTER_NANOS / 2);
                throw new OutOfMemoryError("Java heap space");
            }
            return Thread.ofPlatform().daemon().name(name).start(body);
        };
        final Path socket = dir.resolve("g.sock");
        try (JsonRpcServer server =
                JsonRpcServer.start(RpcServerConfig.defaults(socket), registry(), gaveUp::complete, now::get, broken)) {
            for (int i = 0; i < 3 && !gaveUp.isDone(); i++) {
                try (SocketChannel channel = raw(server.socketPath())) {
                    RpcTestSupport.closedByServer(channel);
                } catch (final IOException alreadyGone) {
                    break;
                }
            }
            assertThat(gaveUp.join()).isInstanceOf(OutOfMemoryError.class);
            assertThat(socket).doesNotExist();
        }
    }

    @Test
    void everyServerThreadRunsTheSetUpFirstAndAFailingSetUpStopsNothing() {
        final java.util.Set<String> setUp = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final RpcServerConfig config = RpcServerConfig.defaults(dir.resolve("s.sock"))
                .withThreadSetup(() -> {
                    setUp.add(Thread.currentThread().getName());
                    throw new IllegalStateException("no CAP_SYS_NICE");
                });
        try (JsonRpcServer server = JsonRpcServer.start(config, registry());
                JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
            assertThat(client.call("one", null).asInt()).isEqualTo(1);
            assertThat(setUp).containsExactlyInAnyOrder("weft-rpc-accept-unix", "weft-rpc-idle", "weft-rpc-connection");
        }
    }
}
