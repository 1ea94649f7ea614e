package dev.weft.bench.rpc;

import dev.weft.rpc.JsonRpcClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The client of the paired-window measurements ({@link RpcServeCpuCost}, {@link RpcReactorThroughputCost}): one
 * platform thread that wakes {@value #RATE} times a second on a fixed grid and, depending on the window, sends a
 * {@code framework_get_reactors} request to weft's server, sends a round trip of the same sizes to the bare echo
 * server, or sends nothing. It wakes at the same rate in every window, so the windows differ only in the serving.
 * Both connections are warmed up first, so that the servers' paths are compiled as they are in a control plane that
 * has served for a few minutes (at 100 requests/s a path stays interpreted for the first minute or two and a request
 * costs several times more).
 */
final class PacedClient implements AutoCloseable {

    /*
     * Implementation overview.
     *
     * Both servers are called the same way, with the bare client the echo anchor needs: the request's fixed bytes out
     * (EchoServer.REQUEST, a valid framework_get_reactors call with id 1), the answer read up to its newline. weft's
     * answers are checked by their envelope (a result for id 1) rather than parsed, so that the windows differ only in
     * the server: a client that parsed every answer into a tree would spend CPU on the shared cores in weft's windows
     * only. Before the warm-up, one answer on a separate JsonRpcClient connection is parsed in full and its reactors
     * counted.
     */

    /** Requests per second in a serving window. */
    static final int RATE = 100;

    private static final int WARM_UP_REQUESTS = 30_000;

    /** Who the client sends to during a window. */
    enum Target {
        /** weft's server: framework_get_reactors. */
        WEFT,
        /** The bare echo server: the same sizes, no JSON, no runtime. */
        ECHO,
        /** Nobody: the client wakes at the same rate and sends nothing. */
        QUIET
    }

    private static final byte[] RESULT =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{".getBytes(StandardCharsets.US_ASCII);

    private final SocketChannel weft;
    private final SocketChannel raw;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private final AtomicLong answered = new AtomicLong();
    private final Thread thread;
    private volatile Target sending = Target.QUIET;
    private volatile boolean running = true;

    /**
     * Connects to both servers, checks weft's first answer and the echo's, warms both up, and starts sending nothing.
     *
     * @param weft weft's socket
     * @param echo the bare echo server's socket
     * @param reactors how many reactors {@code framework_get_reactors} must list
     * @throws IOException if the echo connection fails
     */
    PacedClient(final Path weft, final Path echo, final int reactors) throws IOException {
        try (JsonRpcClient client = JsonRpcClient.connect(weft, false)) {
            final int listed =
                    client.call("framework_get_reactors", null).path("reactors").size();
            if (listed != reactors) {
                throw new IllegalStateException(
                        "framework_get_reactors listed " + listed + " reactors, not " + reactors);
            }
        }
        this.weft = SocketChannel.open(UnixDomainSocketAddress.of(weft));
        this.raw = SocketChannel.open(UnixDomainSocketAddress.of(echo));
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            weft();
            echo();
        }
        this.thread = Thread.ofPlatform().name("rpc-paced-client").start(this::send);
    }

    /**
     * Switches what the client sends from its next wake-up on.
     *
     * @param target the window's target
     */
    void sendTo(final Target target) {
        sending = target;
    }

    /**
     * The answers received so far, from either server.
     *
     * @return the count
     */
    long answered() {
        return answered.get();
    }

    /**
     * The order of a round's windows: weft, echo, quiet, reversed every other round so that a drift over a round
     * falls on both sides.
     *
     * @param round the round, from 0
     * @return the targets in order
     */
    static Target[] order(final int round) {
        return round % 2 == 0
                ? new Target[] {Target.WEFT, Target.ECHO, Target.QUIET}
                : new Target[] {Target.QUIET, Target.ECHO, Target.WEFT};
    }

    /**
     * The median (the upper one for an even count).
     *
     * @param values the values, left unchanged
     * @return their median
     */
    static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Reads a main's arguments: rounds and seconds per window, each optional.
     *
     * @param args the arguments
     * @param rounds the default number of rounds
     * @param seconds the default seconds per window
     * @return {@code {rounds, window in nanoseconds}}
     * @throws IllegalArgumentException if either is not positive
     */
    static long[] roundsAndWindow(final String[] args, final int rounds, final int seconds) {
        final long count = args.length > 0 ? Long.parseLong(args[0]) : rounds;
        final long window = TimeUnit.SECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : seconds);
        if (count < 1 || window <= 0) {
            throw new IllegalArgumentException(
                    "rounds and seconds per window must be positive, not " + count + " and " + window + " ns");
        }
        return new long[] {count, window};
    }

    /**
     * Stops the client thread and closes both connections.
     *
     * @throws InterruptedException if interrupted while joining the thread
     * @throws IOException if closing the echo connection fails
     */
    @Override
    public void close() throws InterruptedException, IOException {
        running = false;
        thread.join();
        weft.close();
        raw.close();
    }

    private void send() {
        final long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long next = System.nanoTime();
        while (running) {
            final Target target = sending;
            if (target == Target.WEFT) {
                weft();
                answered.incrementAndGet();
            } else if (target == Target.ECHO) {
                echo();
                answered.incrementAndGet();
            }
            next += period;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private void weft() {
        try {
            EchoServer.roundTrip(weft, buffer);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        final int end = buffer.position();
        boolean answered = end > RESULT.length && buffer.get(end - 2) == '}';
        for (int i = 0; answered && i < RESULT.length; i++) {
            answered = buffer.get(i) == RESULT[i];
        }
        if (!answered) {
            throw new IllegalStateException(
                    "framework_get_reactors answered " + new String(buffer.array(), 0, end, StandardCharsets.UTF_8));
        }
    }

    private void echo() {
        try {
            if (EchoServer.roundTrip(raw, buffer) != EchoServer.RESPONSE.length) {
                throw new IllegalStateException("the echo server answered a short response");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
