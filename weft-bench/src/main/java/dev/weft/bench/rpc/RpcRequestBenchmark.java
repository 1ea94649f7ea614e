package dev.weft.bench.rpc;

import dev.weft.rpc.JsonRpcClient;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * Request rate and latency of the control plane over its UNIX socket while two reactors run a workload (issue 7's
 * target: at least 20,000 small requests/s and p99 at most 2 ms). Run with {@code -t 1} and {@code -t 16} for one
 * and sixteen clients, each thread its own connection; throughput mode gives requests/s, sample mode the p99.
 * <ul>
 *   <li>{@code framework_get_reactors}: the full SPDK method, reading every reactor's and strand's counters;</li>
 *   <li>{@code rpc_get_methods}: the server and dispatcher with a trivial method;</li>
 *   <li>{@code raw_echo}: the anchor, a bare UNIX-socket round trip of the same sizes with no JSON and no runtime,
 *   served by a platform thread per connection as the RPC server does;</li>
 *   <li>{@code raw_echo_virtual}: the same served by a virtual thread per connection, whose every read goes through
 *   the JDK's poller and a carrier thread (the RPC server's former design).</li>
 * </ul>
 * Each connection's first answer is verified before timing, and each trial first runs a warm-up of its own (see
 * {@link Served}), because JMH's short warm-up is not enough for the JIT on a loaded two-core machine.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcRequestBenchmark {

    static final int WARM_UP_REQUESTS = 200_000;
    static final int WARM_UP_CONNECTIONS = 4;
    static final int WARM_UP_LIMIT_SECONDS = 30;

    /** The served runtime and the echo servers, one per trial, warmed up before the first iteration. */
    @State(Scope.Benchmark)
    public static class Served {
        @Param({"framework_get_reactors", "rpc_get_methods", "raw_echo", "raw_echo_virtual"})
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
         * the JIT compiler threads get so little CPU that JMH's short warm-up ends with the path still interpreted,
         * and the score measured the compiler's progress (it rose from 2 to 40 requests/ms over 12 iterations).
         */
        private void warmUp() throws InterruptedException {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_LIMIT_SECONDS);
            final Thread[] threads = new Thread[WARM_UP_CONNECTIONS];
            for (int i = 0; i < threads.length; i++) {
                threads[i] = Thread.ofPlatform().name("rpc-warm-up-" + i).start(() -> {
                    final Client client = new Client();
                    try {
                        client.connect(this);
                        for (int n = 0; n < WARM_UP_REQUESTS / WARM_UP_CONNECTIONS
                                && System.nanoTime() - deadline < 0; n++) {
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
        String method;
        JsonRpcClient client;
        SocketChannel raw;
        final ByteBuffer buffer = ByteBuffer.allocate(8192);

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
                raw.connect(UnixDomainSocketAddress.of((method.equals("raw_echo") ? served.echo
                        : served.virtualEcho).path()));
                if (EchoServer.roundTrip(raw, buffer) != EchoServer.RESPONSE.length) {
                    throw new IllegalStateException("echo answered a short response");
                }
            } else {
                client = JsonRpcClient.connect(served.fixture.server.socketPath(), false);
                RpcFixture.verify(client);
                if (!client.call("rpc_get_methods", null).isArray()) {
                    throw new IllegalStateException("rpc_get_methods did not answer an array");
                }
            }
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
        if (client.raw != null) {
            try {
                return EchoServer.roundTrip(client.raw, client.buffer);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return client.client.call(client.method, null);
    }
}
