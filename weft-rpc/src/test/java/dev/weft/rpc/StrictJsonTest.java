package dev.weft.rpc;

import static dev.weft.rpc.RpcTestSupport.closedByServer;
import static dev.weft.rpc.RpcTestSupport.raw;
import static dev.weft.rpc.RpcTestSupport.readLines;
import static dev.weft.rpc.RpcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.BooleanNode;

/** Invalid UTF-8 and lone surrogates are parse errors, as in SPDK's parser; well-formed text passes untouched. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StrictJsonTest {

    @TempDir
    Path dir;

    private final AtomicInteger calls = new AtomicInteger();
    private JsonRpcServer server;

    @BeforeEach
    void start() {
        server = JsonRpcServer.start(
                RpcServerConfig.defaults(dir.resolve("s.sock")),
                new RpcRegistry(RpcState.RUNTIME).runtime("touch", params -> {
                    calls.incrementAndGet();
                    return params == null ? BooleanNode.TRUE : params;
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A request whose params hold one string made of the given bytes. */
    private static byte[] requestWithString(final int... bytes) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                "{\"jsonrpc\":\"2.0\",\"method\":\"touch\",\"id\":1,\"params\":[\"".getBytes(StandardCharsets.UTF_8));
        for (final int b : bytes) {
            out.write(b);
        }
        out.writeBytes("\"]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String answerTo(final byte[] request) throws IOException {
        try (SocketChannel channel = raw(server.socketPath())) {
            write(channel, request);
            final String answer = readLines(channel, 1);
            if (answer.contains("-32700")) {
                assertThat(closedByServer(channel)).isTrue();
            }
            return answer;
        }
    }

    @Test
    void malformedUtf8IsAParseError() throws IOException {
        final int[][] cases = {
            {0xC0, 0x80},
            {0xC1, 0xBF},
            {0xE0, 0x80, 0x80},
            {0xF0, 0x80, 0x80, 0x80},
            {0xF4, 0x90, 0x80, 0x80},
            {0xF5, 0x80, 0x80, 0x80},
            {0xF8, 0x88, 0x80, 0x80, 0x80},
            {0xED, 0xA0, 0x80},
            {0xED, 0xBF, 0xBF},
            {0x80},
            {0xBF},
            {0xC3},
            {0xE2, 0x82},
            {0xFE},
            {0xFF},
        };
        for (final int[] bytes : cases) {
            assertThat(answerTo(requestWithString(bytes)))
                    .as(java.util.Arrays.toString(bytes))
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,")
                    .contains("invalid UTF-8");
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void wellFormedUtf8AtTheEdgesIsAccepted() throws IOException {
        final int[][] cases = {
            {0xC2, 0x80},
            {0xDF, 0xBF},
            {0xE0, 0xA0, 0x80},
            {0xED, 0x9F, 0xBF},
            {0xEE, 0x80, 0x80},
            {0xF0, 0x90, 0x80, 0x80},
            {0xF4, 0x8F, 0xBF, 0xBF},
        };
        for (final int[] bytes : cases) {
            assertThat(answerTo(requestWithString(bytes)))
                    .as(java.util.Arrays.toString(bytes))
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"");
        }
        assertThat(calls).hasValue(cases.length);
    }

    @Test
    void aValueBeforeTheBadByteIsStillAnswered() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"method\":\"touch\",\"id\":7}".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(requestWithString(0xC0, 0x80));
        try (SocketChannel channel = raw(server.socketPath())) {
            write(channel, out.toByteArray());
            final String[] lines = readLines(channel, 2).split("\n");
            assertThat(lines[0]).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":true}");
            assertThat(lines[1]).contains("-32700", "invalid UTF-8");
        }
    }

    @Test
    void anEscapedLoneSurrogateIsAParseErrorInKeysAndValuesAlike() throws IOException {
        for (final String request : new String[] {
            "{\"method\":\"touch\",\"id\":1,\"params\":[\"\\ud800\"]}",
            "{\"method\":\"touch\",\"id\":1,\"params\":[\"a\\udc00b\"]}",
            "{\"method\":\"touch\",\"id\":1,\"params\":{\"\\ud800\":1}}",
            "{\"method\":\"touch\",\"id\":1,\"params\":{\"\\udfff\":1}}",
        }) {
            assertThat(answerTo(request.getBytes(StandardCharsets.UTF_8)))
                    .as(request)
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,");
        }
        assertThat(answerTo("{\"method\":\"touch\",\"id\":1,\"params\":[\"\\ud83d\\ude00\"]}"
                        .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[\"\uD83D\uDE00\"]}\n");
        assertThat(calls).hasValue(1);
    }
}
