package dev.weft.bench.reactor;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * A request/response server written in blocking style (one thread per TCP connection that reads a 64-byte request,
 * does a little work on it and writes a 64-byte reply), run three ways with the same handler code: on virtual threads
 * carried by weft strands (one strand per connection on a group of 2 reactors in interrupt mode), on the JDK's default
 * virtual-thread scheduler, and on a platform thread per connection. Closed-loop clients (platform threads, 1 and 16)
 * measure each request's round trip into an HdrHistogram and check every reply's work; the server's CPU per request is
 * the process's CPU time over the measured window minus the clients' own threads' CPU time (so it includes the JDK's
 * I/O poller and timer threads, whichever way serves). Each measurement runs in a JVM of its own, each way as a
 * user would run it: the JDK's ways with the JDK's defaults, weft's with {@code -Djdk.pollerMode=1} as
 * docs/VIRTUAL-THREADS.md recommends (the JDK's I/O pollers on platform threads, so a socket wake-up reaches the
 * reactor in one hop instead of through the default scheduler). Ways alternate within each round; the report gives
 * each figure's median over the rounds. Not a JMH benchmark because it measures latency distributions and another set
 * of threads' CPU time. Each way's line also gives how much of the server CPU per request the JDK's platform-thread
 * I/O pollers used ({@code pollers}: {@code Read-Poller}, {@code Write-Poller}, {@code MasterPoller}; 0 where they are
 * virtual threads, whose CPU is their carriers'). Run: {@code java -cp benchmarks.jar
 * dev.weft.bench.reactor.VirtualThreadEcho [seconds] [rounds]}.
 */
public final class VirtualThreadEcho {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SIZE = 64;
    private static final int WORK = 2_000;
    private static final int[] CLIENTS = {1, 16};
    private static final String CHILD = "--child";
    private static final String WEFT_FLAGS = "-Djdk.pollerMode=1";
    private static final long WARM_UP_MILLIS = 1_500;
    private static final int FIGURES = 4;
    private static final List<String> JDK_POLLERS = List.of("Read-Poller", "Write-Poller", "MasterPoller");

    /** The three ways of running the same blocking handler. */
    private enum Variant {
        WEFT,
        DEFAULT,
        PLATFORM
    }

    private VirtualThreadEcho() {}

    /**
     * Measures every variant at 1 and 16 clients and prints one line per pair.
     *
     * @param args optional measured seconds per window (default 3) and rounds (default 3)
     * @throws Exception if a server or client fails
     */
    public static void main(final String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(Variant.valueOf(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]));
            return;
        }
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("weft's JVMs run with " + WEFT_FLAGS + "; the JDK's with its defaults");
        for (final int clients : CLIENTS) {
            final double[][][] figures = new double[Variant.values().length][FIGURES][rounds];
            for (int round = 0; round < rounds; round++) {
                for (final Variant variant : Variant.values()) {
                    final double[] result = inChild(variant, clients, seconds);
                    for (int f = 0; f < FIGURES; f++) {
                        figures[variant.ordinal()][f][round] = result[f];
                    }
                }
            }
            for (final Variant variant : Variant.values()) {
                final double[][] mine = figures[variant.ordinal()];
                System.out.printf(
                        "vthread-echo %s-%d p50=%.1f p99=%.1f cpu=%.2f us pollers=%.2f us%n",
                        variant.name().toLowerCase(java.util.Locale.ROOT),
                        clients,
                        median(mine[0]),
                        median(mine[1]),
                        median(mine[2]),
                        median(mine[3]));
            }
        }
    }

    /** Measures one way in a JVM of its own and returns its p50, p99, CPU and JDK pollers' CPU per request. */
    private static double[] inChild(final Variant variant, final int clients, final double seconds)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED"));
        if (variant == Variant.WEFT) {
            command.add(WEFT_FLAGS);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                VirtualThreadEcho.class.getName(),
                CHILD,
                variant.name(),
                Integer.toString(clients),
                Double.toString(seconds)));
        final Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        final String out =
                new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException(variant + " with " + clients + " clients failed: " + out);
        }
        final String[] parts =
                out.lines().reduce((first, second) -> second).orElseThrow().split(" ");
        final double[] result = new double[FIGURES];
        for (int f = 0; f < FIGURES; f++) {
            result[f] = Double.parseDouble(parts[f]);
        }
        return result;
    }

    /** The child JVM's part: measures one way and prints "p50 p99 cpu pollers". */
    private static void child(final Variant variant, final int clients, final double seconds) throws Exception {
        if (variant == Variant.WEFT && !Strand.virtualThreadsSupported()) {
            throw new IllegalStateException("run with --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        final double[] result = run(variant, clients, seconds);
        System.out.println(result[0] + " " + result[1] + " " + result[2] + " " + result[3]);
    }

    /**
     * Returns p50 and p99 latency in µs, server CPU µs per request and the JDK's poller threads' CPU µs per request
     * over a window after a warm-up.
     */
    private static double[] run(final Variant variant, final int clients, final double seconds) throws Exception {
        try (Server server = new Server(variant)) {
            final Load load = new Load(server.port(), clients);
            load.start();
            Thread.sleep(WARM_UP_MILLIS);
            final long cpu0 = processCpu() - load.clientCpu();
            final long pollers0 = jdkPollerCpu();
            final long requests0 = load.record(true);
            Thread.sleep((long) (seconds * 1000));
            final long requests = Math.max(1, load.record(false) - requests0);
            final long cpu = processCpu() - load.clientCpu() - cpu0;
            final long pollers = jdkPollerCpu() - pollers0;
            load.stop();
            final Histogram latency = load.histogram();
            return new double[] {
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                cpu / 1e3 / requests,
                pollers / 1e3 / requests
            };
        }
    }

    /** The handler, the same for every variant: blocking reads and writes on its own connection. */
    static void serve(final Socket socket) {
        try (socket;
                DataInputStream in = new DataInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            final byte[] buffer = new byte[SIZE];
            while (true) {
                in.readFully(buffer);
                final long answer = work(buffer);
                for (int i = 0; i < Long.BYTES; i++) {
                    buffer[i] = (byte) (answer >>> (8 * i));
                }
                out.write(buffer);
            }
        } catch (final EOFException | SocketException e) {
            // the client hung up
        } catch (final IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A small, checkable amount of work per request (about a microsecond). */
    static long work(final byte[] request) {
        long hash = 1;
        for (int i = 0; i < WORK; i++) {
            hash = hash * 31 + request[i & (SIZE - 1)];
        }
        return hash;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The CPU time of the JDK's platform-thread I/O pollers, which serve whichever way blocks on a socket. */
    private static long jdkPollerCpu() {
        long sum = 0;
        for (final java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && JDK_POLLERS.contains(info.getThreadName())) {
                sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Accepts connections and starts the handler for each the variant's way. */
    private static final class Server implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        private final ReactorGroup group;
        private final Thread acceptor;
        private final List<Strand> strands = new CopyOnWriteArrayList<>();
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        Server(final Variant variant) throws IOException {
            group = variant == Variant.WEFT
                    ? ReactorGroup.builder()
                            .name("echo")
                            .reactors(2)
                            .mode(ReactorMode.INTERRUPT)
                            .build()
                            .start()
                    : null;
            final Consumer<Socket> starter = switch (variant) {
                case WEFT ->
                    connection -> {
                        final Strand strand = Strand.of("connection-" + strands.size());
                        group.add(strand).join();
                        strands.add(strand);
                        strand.virtualThreads().start(() -> serve(connection));
                    };
                case DEFAULT -> connection -> Thread.ofVirtual().start(() -> serve(connection));
                case PLATFORM -> connection -> Thread.ofPlatform().daemon(true).start(() -> serve(connection));
            };
            acceptor = Thread.ofPlatform().name("echo-acceptor").daemon(true).start(() -> {
                try {
                    while (true) {
                        final Socket connection = socket.accept();
                        connection.setTcpNoDelay(true);
                        connections.add(connection);
                        starter.accept(connection);
                    }
                } catch (final IOException e) {
                    // closed
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
            for (final Socket connection : connections) {
                connection.close();
            }
            for (final Strand strand : strands) {
                strand.close().join();
            }
            if (group != null) {
                group.close();
            }
        }
    }

    /** Closed-loop clients, one platform thread and connection each. */
    private static final class Load {
        private final int port;
        private final int clients;
        private final List<Thread> threads = new ArrayList<>();
        private final List<Histogram> histograms = new CopyOnWriteArrayList<>();
        private final AtomicLong requests = new AtomicLong();
        private final CountDownLatch connected;
        private volatile boolean recording;
        private volatile boolean stopped;

        Load(final int port, final int clients) {
            this.port = port;
            this.clients = clients;
            this.connected = new CountDownLatch(clients);
        }

        void start() throws InterruptedException {
            for (int c = 0; c < clients; c++) {
                final Histogram histogram = new Histogram(3_600_000_000L, 3);
                histograms.add(histogram);
                threads.add(Thread.ofPlatform()
                        .name("echo-client-" + c)
                        .daemon(true)
                        .start(() -> loop(histogram)));
            }
            connected.await();
        }

        long record(final boolean on) {
            recording = on;
            return requests.get();
        }

        long clientCpu() {
            long sum = 0;
            for (final Thread thread : threads) {
                sum += Math.max(0, THREADS.getThreadCpuTime(thread.threadId()));
            }
            return sum;
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (final Thread thread : threads) {
                thread.join();
            }
        }

        Histogram histogram() {
            final Histogram all = new Histogram(3_600_000_000L, 3);
            histograms.forEach(all::add);
            return all;
        }

        private void loop(final Histogram histogram) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    DataInputStream in = new DataInputStream(socket.getInputStream())) {
                socket.setTcpNoDelay(true);
                connected.countDown();
                final OutputStream out = socket.getOutputStream();
                final byte[] request = new byte[SIZE];
                final byte[] reply = new byte[SIZE];
                long sequence = Thread.currentThread().threadId() << 32;
                while (!stopped) {
                    sequence++;
                    for (int i = 0; i < Long.BYTES; i++) {
                        request[SIZE - Long.BYTES + i] = (byte) (sequence >>> (8 * i));
                    }
                    final long start = System.nanoTime();
                    out.write(request);
                    in.readFully(reply);
                    final long elapsed = System.nanoTime() - start;
                    check(request, reply);
                    if (recording) {
                        histogram.recordValue(elapsed);
                        requests.incrementAndGet();
                    }
                }
            } catch (final IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private static void check(final byte[] request, final byte[] reply) {
            final long expected = work(request);
            long got = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                got |= (reply[i] & 0xFFL) << (8 * i);
            }
            if (got != expected) {
                throw new IllegalStateException("wrong reply: work " + got + ", expected " + expected);
            }
        }
    }
}
