package dev.weft.bench.rpc;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the RPC server itself can serve, with the client's round trips out of the way: each invocation writes
 * {@value #DEPTH} requests back to back on one connection (SPDK's wire format allows it: values are answered in
 * order as each completes) and reads the {@value #DEPTH} response lines. On two shared cores a ping-pong client
 * spends as much CPU as the server and its wake-ups dominate; pipelining shows the server's own cost per request
 * (parse, dispatch, the method, JSON writing, the socket write). The anchor is {@code rpc_get_methods}, the same
 * path with a trivial method. Setup checks that every response of one pipeline is a result with the right id.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcPipelineBenchmark {

    static final int DEPTH = 64;

    /** The served runtime, one per trial. */
    @State(Scope.Benchmark)
    public static class Served {
        RpcFixture fixture;

        /** Starts the server. */
        @Setup(Level.Trial)
        public void start() {
            fixture = new RpcFixture();
        }

        /** Stops the server. */
        @TearDown(Level.Trial)
        public void stop() {
            fixture.close();
        }
    }

    /** One pipelining connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        @Param({"framework_get_reactors", "rpc_get_methods"})
        String method;

        SocketChannel channel;
        ByteBuffer requests;
        final ByteBuffer responses = ByteBuffer.allocate(1 << 20);

        /**
         * Connects and verifies one pipeline's answers.
         *
         * @param served the server
         * @throws IOException if the connection fails
         */
        @Setup(Level.Trial)
        public void connect(final Served served) throws IOException {
            final StringBuilder text = new StringBuilder();
            for (int id = 1; id <= DEPTH; id++) {
                text.append("{\"jsonrpc\":\"2.0\",\"method\":\"")
                        .append(method)
                        .append("\",\"id\":")
                        .append(id)
                        .append('}');
            }
            requests = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(served.fixture.server.socketPath()));
            pipeline();
            final String[] lines =
                    new String(responses.array(), 0, responses.position(), StandardCharsets.UTF_8).split("\n");
            if (lines.length != DEPTH) {
                throw new IllegalStateException("expected " + DEPTH + " responses, got " + lines.length);
            }
            for (int i = 0; i < DEPTH; i++) {
                if (!lines[i].startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1) + ",\"result\":")) {
                    throw new IllegalStateException("response " + (i + 1) + " is " + lines[i]);
                }
            }
        }

        int pipeline() throws IOException {
            requests.clear();
            while (requests.hasRemaining()) {
                channel.write(requests);
            }
            responses.clear();
            int lines = 0;
            int scanned = 0;
            while (lines < DEPTH) {
                if (channel.read(responses) < 0) {
                    throw new IOException("the server closed the connection");
                }
                final int end = responses.position();
                for (; scanned < end; scanned++) {
                    if (responses.get(scanned) == '\n') {
                        lines++;
                    }
                }
            }
            return responses.position();
        }

        /**
         * Disconnects.
         *
         * @throws IOException if closing fails
         */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * {@value #DEPTH} pipelined requests and their answers; the score is requests per millisecond.
     *
     * @param client this thread's connection
     * @return the bytes received
     * @throws IOException if the connection fails
     */
    @Benchmark
    @OperationsPerInvocation(DEPTH)
    public int pipelined(final Client client) throws IOException {
        return client.pipeline();
    }
}
