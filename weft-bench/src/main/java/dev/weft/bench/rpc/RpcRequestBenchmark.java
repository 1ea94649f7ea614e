package dev.weft.bench.rpc;

import dev.weft.rpc.JsonRpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Request rate and latency of the control plane over its UNIX socket while two reactors run a workload (the target: at
 * least 20,000 small requests/s and p99 at most 2 ms). Run with {@code -t 1} and {@code -t 16} for one and sixteen
 * clients, each thread its own connection; throughput mode gives requests/s, sample mode the p99.
 *
 * <ul>
 *   <li>{@code framework_get_reactors}: the full SPDK method, reading every reactor's and strand's counters;</li>
 *   <li>{@code rpc_get_methods}: the server and dispatcher with a trivial method;</li>
 *   <li>{@code framework_get_reactors_jackson_client}: the full method called through weft's own
 *   {@link JsonRpcClient}, which builds each request with Jackson and parses each answer into a tree, as
 *   {@code weft rpc} and {@code weft top} do;</li>
 *   <li>{@code raw_echo}: the anchor, a bare UNIX-socket round trip of the same sizes with no JSON and no runtime,
 *   served by a platform thread per connection as the RPC server does;</li>
 *   <li>{@code raw_echo_virtual}: the same served by a virtual thread per connection, whose every read goes through
 *   the JDK's poller and a carrier thread.</li>
 * </ul>
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcRequestBenchmark {

    /*
     * Implementation overview
     *
     * The first two methods, like the echo anchor, are called with a bare client: the request's fixed bytes out, the
     * answer read up to its newline and checked by its envelope (a result for id 1) rather than parsed. The client
     * threads share the server's two cores, so a client that parsed every answer into a tree would be measured along
     * with the server (docs/DECISIONS.md, "the RPC benchmark's bare client"). Each connection's first answer is
     * verified in full before timing, and each trial first runs a warm-up of its own (Served), because JMH's short
     * warm-up is not enough for the JIT on a loaded two-core machine.
     */

    static final int WARM_UP_REQUESTS = 200_000;

    /** How every answer of a bare client to a request with id 1 begins. */
    private static final byte[] RESULT =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":".getBytes(StandardCharsets.US_ASCII);

    static final int WARM_UP_CONNECTIONS = 4;
    static final int WARM_UP_LIMIT_SECONDS = 30;

    /** The served runtime and the echo servers, one per trial, warmed up before the first iteration. */
    @State(Scope.Benchmark)
    public static class Served {
        @Param({
            "framework_get_reactors",
            "rpc_get_methods",
            "framework_get_reactors_jackson_client",
            "raw_echo",
            "raw_echo_virtual"
        })
        String method;

        RpcFixture fixture;
        EchoServer echo;
        EchoServer virtualEcho;

        /**
         * Starts the servers and warms the measured path up.
         *
         * @throws InterruptedException if interrupted while warming up
         */
        @Setup(Level.Trial)
        public void start() throws InterruptedException {
            fixture = new RpcFixture();
            echo = new EchoServer(fixture.server.socketPath().resolveSibling("echo.sock"), false);
            virtualEcho = new EchoServer(fixture.server.socketPath().resolveSibling("vecho.sock"), true);
            warmUp();
        }

        /**
         * Runs {@value #WARM_UP_REQUESTS} requests of the trial's kind on {@value #WARM_UP_CONNECTIONS} connections
         * (or as many as fit in {@value #WARM_UP_LIMIT_SECONDS} s), so that the server and client paths are
         * compiled before JMH's first iteration. With 16 client threads and 16 server threads runnable on two cores,
         * the JIT compiler threads get so little CPU that JMH's short warm-up would end with the path still
         * interpreted, and the score would follow the compiler's progress (docs/DECISIONS.md, "the RPC benchmark's
         * bare client").
         */
        private void warmUp() throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_LIMIT_SECONDS);
            final Thread[] threads = new Thread[WARM_UP_CONNECTIONS];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = Thread.ofPlatform().name("rpc-warm-up-" + i).start(() -> {
                    final Client client = new Client();
                    try {
                        client.connect(this);
                        for (int n = 0;
                                n < WARM_UP_REQUESTS / WARM_UP_CONNECTIONS && System.nanoTime() - deadline < 0;
                                n++) {
                            roundTrip(client);
                        }
                        client.close();
                    } catch (final IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            for (final Thread thread : threads) {
                thread.join();
            }
        }

        /** Stops both servers. */
        @TearDown(Level.Trial)
        public void stop() {
            echo.close();
            virtualEcho.close();
            fixture.close();
        }
    }

    /** One client connection per benchmark thread. */
    @State(Scope.Thread)
    public static class Client {
        static final String JACKSON_CLIENT = "_jackson_client";

        String method;
        JsonRpcClient client;
        SocketChannel raw;
        byte[] request;
        boolean checkResult;
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

        /**
         * Connects and verifies one answer.
         *
         * @param served the servers
         * @throws IOException if the echo connection fails
         */
        @Setup(Level.Trial)
        public void connect(final Served served) throws IOException {
            method = served.method;
            if (method.startsWith("raw_echo")) {
                raw = SocketChannel.open(StandardProtocolFamily.UNIX);
                raw.connect(UnixDomainSocketAddress.of(
                        (method.equals("raw_echo") ? served.echo : served.virtualEcho).path()));
                request = EchoServer.REQUEST;
                if (EchoServer.roundTrip(raw, request, buffer) != EchoServer.RESPONSE.length) {
                    throw new IllegalStateException("echo answered a short response");
                }
                return;
            }
            final boolean jackson = method.endsWith(JACKSON_CLIENT);
            method = jackson ? method.substring(0, method.length() - JACKSON_CLIENT.length()) : method;
            client = JsonRpcClient.connect(served.fixture.server.socketPath(), false);
            RpcFixture.verify(client);
            if (!client.call("rpc_get_methods", null).isArray()) {
                throw new IllegalStateException("rpc_get_methods did not answer an array");
            }
            if (jackson) {
                return;
            }
            client.close();
            client = null;
            raw = SocketChannel.open(UnixDomainSocketAddress.of(served.fixture.server.socketPath()));
            request = ("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"id\":1}")
                    .getBytes(StandardCharsets.US_ASCII);
            checkResult = true;
            roundTrip(this);
        }

        /**
         * Disconnects.
         *
         * @throws IOException if closing fails
         */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (raw != null) {
                raw.close();
            }
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * One request and its answer.
     *
     * @param client this thread's connection
     * @return the answer (or its size) so the call is not eliminated
     */
    @Benchmark
    public Object request(final Client client) {
        return roundTrip(client);
    }

    /** One request and its answer on a client's connection: the measured operation, also run by the warm-up. */
    static Object roundTrip(final Client client) {
        if (client.raw == null) {
            return client.client.call(client.method, null);
        }
        final int received;
        try {
            received = EchoServer.roundTrip(client.raw, client.request, client.buffer);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        if (client.checkResult && !isResult(client.buffer, received)) {
            throw new IllegalStateException(client.method + " answered "
                    + new String(client.buffer.array(), 0, received, StandardCharsets.UTF_8));
        }
        return received;
    }

    /** Whether an answer line is a result for id 1 (its envelope, without parsing the result). */
    private static boolean isResult(final ByteBuffer answer, final int length) {
        if (length <= RESULT.length || answer.get(length - 2) != '}') {
            return false;
        }
        for (int i = 0; i < RESULT.length; i++) {
            if (answer.get(i) != RESULT[i]) {
                return false;
            }
        }
        return true;
    }
}
