package dev.weft.rpc;

import static dev.weft.rpc.RpcTestSupport.raw;
import static dev.weft.rpc.RpcTestSupport.readLines;
import static dev.weft.rpc.RpcTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.BooleanNode;

/**
 * Replays requests on the wire and checks the answers SPDK's JSON-RPC server ({@code lib/jsonrpc/jsonrpc_server.c})
 * gives them: the envelope's optional and forbidden members, notifications, and ids echoed exactly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpdkEnvelopeTest {

    @TempDir
    Path dir;

    private final AtomicInteger calls = new AtomicInteger();
    private JsonRpcServer server;

    @BeforeEach
    void start() {
        server = JsonRpcServer.start(
                RpcServerConfig.defaults(dir.resolve("e.sock")),
                new RpcRegistry(RpcState.RUNTIME).runtime("touch", params -> {
                    calls.incrementAndGet();
                    return params == null ? BooleanNode.TRUE : params;
                }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends a request and a closing one, and returns every line up to the closing one's answer. */
    private String exchange(final String request) throws IOException {
        try (SocketChannel channel = raw(server.socketPath())) {
            write(channel, request + "{\"method\":\"touch\",\"id\":\"end\"}");
            final StringBuilder lines = new StringBuilder();
            String line;
            do {
                line = readLines(channel, 1);
                lines.append(line);
            } while (!line.isEmpty() && !line.contains("\"id\":\"end\""));
            return lines.toString().strip();
        }
    }

    private static final String END = "\n{\"jsonrpc\":\"2.0\",\"id\":\"end\",\"result\":true}";

    @Test
    void aRequestWithoutJsonrpcIsAccepted() throws IOException {
        assertThat(exchange("{\"method\":\"touch\",\"id\":1}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}" + END);
    }

    @Test
    void nullParamsAreNoParams() throws IOException {
        assertThat(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"touch\",\"id\":1,\"params\":null}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":true}" + END);
    }

    @Test
    void anUnknownTopLevelMemberIsAnInvalidRequest() throws IOException {
        assertThat(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"touch\",\"id\":1,\"extra\":0}"))
                .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,")
                .endsWith(END);
        assertThat(calls).hasValue(1);
    }

    @Test
    void idNullIsANotification() throws IOException {
        assertThat(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"touch\",\"id\":null}"))
                .isEqualTo(END.strip());
        assertThat(calls).hasValue(2);
    }

    @Test
    void anUnknownMethodAsANotificationGetsMethodNotFoundWithIdNull() throws IOException {
        assertThat(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"no_such_method\"}"))
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}" + END);
    }

    @Test
    void aLoneEmptyArrayIsAnsweredAtOnce() throws IOException {
        try (SocketChannel channel = raw(server.socketPath())) {
            write(channel, "[]");
            assertThat(readLines(channel, 1))
                    .startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,");
        }
    }

    @Test
    void idsAreEchoedExactlyAsReceived() throws IOException {
        for (final String id :
                new String[] {"1e400", "-0", "1.50", "12345678901234567890123", "2E-7", "\"x\\u00e9\""}) {
            assertThat(exchange("{\"jsonrpc\":\"2.0\",\"method\":\"touch\",\"id\":" + id + "}"))
                    .as(id)
                    .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":" + (id.startsWith("\"") ? "\"xé\"" : id)
                            + ",\"result\":true}" + END);
        }
    }
}
