package dev.weft.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JsonRpcServerTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path socket;
    private JsonRpcServer server;
    private final AtomicLong echoes = new AtomicLong();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    private RpcRegistry registry() {
        return new RpcRegistry(RpcState.RUNTIME)
                .runtime("block", params -> {
                    entered.countDown();
                    try {
                        return StringNode.valueOf(release.await(30, TimeUnit.SECONDS) ? "released" : "timed out");
                    } catch (final InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                })
                .runtime("echo", params -> {
                    echoes.incrementAndGet();
                    return params == null ? MAPPER.createObjectNode() : params;
                })
                .runtime("count", params -> IntNode.valueOf((int) echoes.get()));
    }

    @BeforeEach
    void start() {
        socket = dir.resolve("weft.sock");
        server = JsonRpcServer.start(RpcServerConfig.defaults(socket), registry());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A raw client that reads bytes, to check the exact framing. */
    private static SocketChannel raw(final Path path) throws IOException {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return channel;
    }

    private static void write(final SocketChannel channel, final String text) throws IOException {
        write(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(final SocketChannel channel, final ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads until {@code lines} newlines arrived or the server closed; returns the text. */
    private static String readLines(final SocketChannel channel, final int lines) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        int seen = 0;
        while (seen < lines) {
            buffer.clear();
            final int n = channel.read(buffer);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                final byte b = buffer.get(i);
                out.write(b);
                seen += b == '\n' ? 1 : 0;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean closedByServer(final SocketChannel channel) throws IOException {
        return channel.read(ByteBuffer.allocate(64)) < 0;
    }

    private static String rpcPy(final int id, final String method, final String paramsJson) {
        final ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.put("id", id);
        if (paramsJson != null) {
            request.set("params", MAPPER.readTree(paramsJson));
        }
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(request);
    }

    @Test
    void rpcPyFramingPrettyValuesBackToBackAnsweredAsCompactLines() throws IOException {
        try (SocketChannel channel = raw(socket)) {
            write(
                    channel,
                    rpcPy(1, "echo", "{\"name\":\"dynamic\",\"core_limit\":70}") + rpcPy(2, "count", null) + "["
                            + rpcPy(3, "count", null) + "," + rpcPy(4, "nope", null) + "]");
            assertThat(readLines(channel, 3).split("\n"))
                    .containsExactly(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"name\":\"dynamic\",\"core_limit\":70}}",
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}",
                            "[{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":1},{\"jsonrpc\":\"2.0\",\"id\":4,"
                                    + "\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}]");
        }
    }

    @Test
    void aValueIsAnsweredAsSoonAsItIsCompleteWithoutANewline() throws IOException {
        try (SocketChannel channel = raw(socket)) {
            final String request = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":7,\"params\":[1,2]}";
            write(channel, request.substring(0, 20));
            write(channel, request.substring(20));
            assertThat(readLines(channel, 1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[1,2]}\n");
        }
    }

    @Test
    void valuesCutIntoSingleBytesAreAnsweredWhole() throws IOException {
        final String text = "h\u00e9llo \u2713 \uD83D\uDE00";
        final byte[] bytes = (rpcPy(1, "echo", "{\"text\":\"" + text + "\",\"n\":[12345678901,2.5,-7]}")
                        + rpcPy(2, "count", null))
                .getBytes(StandardCharsets.UTF_8);
        try (SocketChannel channel = raw(socket)) {
            for (final byte b : bytes) {
                write(channel, ByteBuffer.wrap(new byte[] {b}));
            }
            assertThat(readLines(channel, 2).split("\n"))
                    .containsExactly(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"text\":\"" + text
                                    + "\",\"n\":[12345678901,2.5,-7]}}",
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}");
        }
    }

    @Test
    void aMethodThatWaitsHoldsUpNeitherOtherConnectionsNorTheOrderOfItsOwnAnswers() throws Exception {
        try (SocketChannel waiting = raw(socket);
                JsonRpcClient other = JsonRpcClient.connect(socket, false)) {
            write(waiting, rpcPy(1, "block", null) + rpcPy(2, "count", null));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(other.call("echo", MAPPER.readTree("[5]")).get(0).asInt())
                    .isEqualTo(5);
            assertThat(other.call("count", null).asInt()).isEqualTo(1);
            release.countDown();
            assertThat(readLines(waiting, 2).split("\n"))
                    .as("count runs only after block has answered")
                    .containsExactly(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"released\"}",
                            "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}");
        }
    }

    @Test
    void aClientThatDoesNotReadItsAnswersHoldsUpNobodyAndLosesNothing() throws IOException {
        final int requests = 4000;
        final String param = "x".repeat(2000);
        final StringBuilder all = new StringBuilder();
        for (int id = 1; id <= requests; id++) {
            all.append("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":")
                    .append(id)
                    .append(",\"params\":[\"")
                    .append(param)
                    .append("\"]}");
        }
        try (SocketChannel slow = raw(socket);
                JsonRpcClient other = JsonRpcClient.connect(socket, false)) {
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    write(slow, all.toString());
                } catch (final IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> echoes.get() > 0);
            assertThat(other.call("count", null).asInt()).isPositive().isLessThan(requests);
            assertThat(writer)
                    .as("8 MB of answers nobody reads: the server must have stopped reading the requests")
                    .isNotDone();
            final String[] lines = readLines(slow, requests).split("\n");
            assertThat(lines).hasSize(requests);
            for (int i = 0; i < requests; i++) {
                assertThat(lines[i]).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"result\":[\"xx");
            }
            writer.join();
        }
        assertThat(echoes).hasValue(requests);
    }

    @Test
    void aClientThatStopsSendingGetsEveryAnswerThenParseErrorForItsCutValue() throws IOException {
        release.countDown();
        try (SocketChannel channel = raw(socket)) {
            write(
                    channel,
                    rpcPy(1, "echo", "[1]") + rpcPy(2, "block", null) + rpcPy(3, "count", null)
                            + "{\"jsonrpc\":\"2.0\",\"meth");
            channel.shutdownOutput();
            final String[] lines = readLines(channel, 4).split("\n");
            assertThat(lines).hasSize(4);
            assertThat(lines[0]).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1]}");
            assertThat(lines[1]).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"released\"}");
            assertThat(lines[2]).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":1}");
            assertThat(lines[3]).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,");
            assertThat(closedByServer(channel)).isTrue();
        }
    }

    @Test
    void theClientTalksLikeRpcPyAndCountsIdsFromOne() {
        try (JsonRpcClient client = JsonRpcClient.connect(socket, true)) {
            assertThat(client.call("echo", MAPPER.readTree("{\"a\":1}"))).isEqualTo(MAPPER.readTree("{\"a\":1}"));
            assertThat(client.call("count", null).asInt()).isEqualTo(1);
            assertThatThrownBy(() -> client.call("nope", null))
                    .isInstanceOfSatisfying(
                            RpcError.class, e -> assertThat(e.code()).isEqualTo(-32601))
                    .hasMessage("Method not found");
        }
    }

    @Test
    void malformedJsonGetsAParseErrorAndOthersAreStillServed() throws IOException {
        try (SocketChannel bad = raw(socket);
                JsonRpcClient good = JsonRpcClient.connect(socket, false)) {
            write(bad, "{\"jsonrpc\":\"2.0\",,}");
            final String answer = readLines(bad, 1);
            assertThat(answer)
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"
                            + "\"message\":\"Parse error: ");
            assertThat(closedByServer(bad)).isTrue();
            assertThat(good.call("count", null).asInt()).isZero();
        }
    }

    @Test
    void deepNestingAndHugeNumbersAreParseErrors() throws IOException {
        try (SocketChannel channel = raw(socket)) {
            write(channel, "[".repeat(100_000));
            assertThat(readLines(channel, 1)).contains("-32700", "nesting depth");
        }
        try (SocketChannel channel = raw(socket)) {
            write(channel, "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":" + "9".repeat(5000) + "}");
            assertThat(readLines(channel, 1)).contains("-32700", "Number value length");
        }
    }

    @Test
    void anOversizeRequestIsRefusedWithoutBufferingIt() throws IOException {
        try (SocketChannel channel = raw(socket)) {
            final CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    write(
                            channel,
                            "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1,\"params\":[\"" + "x".repeat(3 << 20)
                                    + "\"]}");
                } catch (final IOException expected) {
                    // The server closes the connection while the rest is still being sent.
                }
            });
            assertThat(readLines(channel, 1)).contains("-32600", "over 1048576 bytes");
            assertThat(closedByServer(channel)).isTrue();
            writer.join();
        }
        assertThat(echoes).hasValue(0);
    }

    @Test
    void aClientThatVanishesMidValueCostsNothing() throws IOException {
        try (SocketChannel channel = raw(socket)) {
            write(channel, "{\"jsonrpc\":\"2.0\",\"meth");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 0);
        try (JsonRpcClient client = JsonRpcClient.connect(socket, false)) {
            assertThat(client.call("count", null).asInt()).isZero();
        }
    }

    @Test
    void sixtyFourClientsAtOnceAreAllServed() {
        final List<CompletableFuture<Integer>> clients = new ArrayList<>();
        final List<JsonRpcClient> connected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            connected.add(JsonRpcClient.connect(socket, i % 2 == 0));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> server.connectionCount() == 64);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (final JsonRpcClient client : connected) {
                clients.add(CompletableFuture.supplyAsync(
                        () -> {
                            int sum = 0;
                            for (int call = 0; call < 50; call++) {
                                sum += client.call("echo", MAPPER.readTree("[" + call + "]"))
                                        .get(0)
                                        .asInt();
                            }
                            return sum;
                        },
                        threads));
            }
            for (final CompletableFuture<Integer> client : clients) {
                assertThat(client.join()).isEqualTo(49 * 50 / 2);
            }
        }
        connected.forEach(JsonRpcClient::close);
        assertThat(echoes).hasValue(64 * 50);
    }

    @Test
    void idleConnectionsAreClosed() throws IOException {
        server.close();
        server = JsonRpcServer.start(
                RpcServerConfig.defaults(socket).withIdleTimeout(Duration.ofMillis(200)), registry());
        try (SocketChannel silent = raw(socket)) {
            assertThat(closedByServer(silent)).isTrue();
        }
    }

    @Test
    void theSocketIsTheOwnersAloneAndGoesAwayWithTheServer() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList())
                .containsExactly("weft.sock");
        server.close();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aLiveSocketIsNeverReplacedButAStaleOneIs() throws IOException {
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(socket), registry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a server is listening there");
        try (JsonRpcClient client = JsonRpcClient.connect(socket, false)) {
            assertThat(client.call("count", null).asInt()).isZero();
        }
        final Path stale = dir.resolve("stale.sock");
        try (var orphan = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            orphan.bind(UnixDomainSocketAddress.of(stale));
        }
        assertThat(stale).exists();
        try (JsonRpcServer second = JsonRpcServer.start(RpcServerConfig.defaults(stale), registry());
                JsonRpcClient client = JsonRpcClient.connect(stale, false)) {
            assertThat(client.call("count", null).asInt()).isZero();
            assertThat(second.socketPath()).isEqualTo(stale);
        }
        final Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> JsonRpcServer.start(RpcServerConfig.defaults(file), registry()))
                .hasMessageContaining("a regular file is there, not a socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aPeerWithAnotherUidIsRefused() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "switching to another uid needs root");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/setpriv")) && Files.isExecutable(Path.of("/usr/bin/python3")),
                "needs setpriv and python3");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        final String script = "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX)\n"
                + "s.connect(sys.argv[1])\n"
                + "try:\n"
                + "    s.sendall(b'{\"jsonrpc\":\"2.0\",\"method\":\"count\",\"id\":1}')\n"
                + "    print('answer=' + repr(s.recv(4096)))\n"
                + "except (ConnectionResetError, BrokenPipeError):\n"
                + "    print('answer=reset')\n";
        final Process process = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "/usr/bin/python3",
                        "-c",
                        script,
                        socket.toString())
                .redirectErrorStream(true)
                .start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).isIn("answer=b''", "answer=reset");
        assertThat(server.refusedCount()).isEqualTo(1);
        assertThat(echoes).hasValue(0);
    }

    @Test
    void aClientOfAClosedServerGetsAClearError() {
        server.close();
        assertThatThrownBy(() -> JsonRpcClient.connect(socket, false))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot connect to the RPC server at " + socket);
    }
}
