package dev.weft.bench.rpc;

import dev.weft.bench.rpc.PacedClient.Target;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU that serving {@code framework_get_reactors} at 100 requests/s takes, in CPU time rather than wall time: the
 * bound on what the control plane can take from the reactors (the target: at most 2% lost reactor throughput at 100
 * requests/s). Paired windows over one running runtime ({@link RpcFixture}) compare weft's server with a bare
 * UNIX-socket echo server ({@link EchoServer}) at the same rate and with no requests at all.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.weft.bench.rpc.RpcServeCpuCost [rounds] [seconds per window]}; prints each
 * round's figures, then {@code <requests/s> <serving µs CPU per request> <share of one core %> <echo µs CPU per
 * request> <echo share of one core %>}, each the median over the rounds. Not a JMH benchmark because the quantity is
 * CPU time of other threads in paired windows.
 */
public final class RpcServeCpuCost {

    /*
     * Implementation overview
     *
     * Why CPU time. On a shared two-core machine a reactor's wall-clock throughput drifts with other processes' load by
     * far more than 2% between two JMH trials (RpcReactorCostBenchmark), and so does this process's total CPU (the JIT,
     * the collector and the reactors' own idle work come and go); the CPU time of the server's own threads does not.
     *
     * Each round has three windows over the same running runtime (two reactors with their timed tasklets), driven by
     * one PacedClient: it sends 100 framework_get_reactors requests/s, or 100 round trips/s of the same sizes to the
     * echo server (a platform thread per connection, as the RPC server has), or nothing; the order flips every round.
     * Serving CPU is the CPU time, over the window, of every thread that serves requests: the server's threads (named
     * weft-rpc-*; the request that finds the /proc/stat reading stale reads the file on its own connection thread). If
     * every nanosecond of it were taken from one reactor's core, the reactor would lose that share of its time: the
     * printed share of one core is that upper bound.
     *
     * The echo server's thread is the anchor in the same run: what waking a thread for a request and writing its answer
     * costs on this machine beside the same reactors, with no JSON and no runtime to read (on a VM, mostly the kernel's
     * and the hypervisor's work to wake a thread while the reactors hold the CPUs). The window without requests shows
     * what the serving threads use when idle. Both servers are warmed up first (see PacedClient).
     */

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RpcServeCpuCost() {}

    /**
     * Runs the rounds and prints the medians.
     *
     * @param args optional number of rounds (default 5) and seconds per window (default 2)
     * @throws InterruptedException if interrupted while waiting for the client to stop
     * @throws IOException if the bare echo connection fails
     */
    public static void main(final String[] args) throws InterruptedException, IOException {
        final long[] roundsAndWindow = PacedClient.roundsAndWindow(args, 5, 2);
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot read a thread's CPU time");
        }
        run((int) roundsAndWindow[0], roundsAndWindow[1]);
    }

    private static void run(final int rounds, final long window) throws InterruptedException, IOException {
        try (RpcFixture fixture = new RpcFixture();
                EchoServer echo =
                        new EchoServer(fixture.server.socketPath().resolveSibling("serve-cpu-echo.sock"), false);
                PacedClient client = new PacedClient(fixture.server.socketPath(), echo.path(), 2)) {
            measure(window, Target.QUIET, client);
            final double[] perRequest = new double[rounds];
            final double[] share = new double[rounds];
            final double[] rate = new double[rounds];
            final double[] echoPerRequest = new double[rounds];
            final double[] echoShare = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                final Window[] windows = new Window[Target.values().length];
                for (final Target target : PacedClient.order(r)) {
                    windows[target.ordinal()] = measure(window, target, client);
                }
                final Window on = windows[Target.WEFT.ordinal()];
                final Window echoOn = windows[Target.ECHO.ordinal()];
                final Window off = windows[Target.QUIET.ordinal()];
                if (on.requests() == 0 || echoOn.requests() == 0) {
                    throw new IllegalStateException("the client sent no request in a window of "
                            + TimeUnit.NANOSECONDS.toMillis(window) + " ms");
                }
                rate[r] = on.requests() * 1e9 / on.wallNanos();
                perRequest[r] = on.cpuPerSecond() / rate[r] / 1e3;
                share[r] = on.cpuPerSecond() / 1e9 * 100;
                final double echoRate = echoOn.requests() * 1e9 / echoOn.wallNanos();
                echoPerRequest[r] = echoOn.echoPerSecond() / echoRate / 1e3;
                echoShare[r] = echoOn.echoPerSecond() / 1e9 * 100;
                System.out.printf(
                        "round %d: serving threads' CPU %.3f ms/s without requests, %.3f ms/s with; "
                                + "bare echo thread %.3f ms/s%n",
                        r + 1, off.cpuPerSecond() / 1e6, on.cpuPerSecond() / 1e6, echoOn.echoPerSecond() / 1e6);
            }
            System.out.printf(
                    "%-12s %22s %22s %22s %22s%n",
                    "requests/s",
                    "serving us CPU/request",
                    "share of one core %",
                    "echo us CPU/request",
                    "echo share of a core %");
            System.out.printf(
                    "%-12.1f %22.1f %22.3f %22.1f %22.3f%n",
                    PacedClient.median(rate),
                    PacedClient.median(perRequest),
                    PacedClient.median(share),
                    PacedClient.median(echoPerRequest),
                    PacedClient.median(echoShare));
        }
    }

    /**
     * The serving threads' CPU over one window, and the requests answered in it.
     *
     * @param wallNanos the window's length
     * @param serverNanos CPU of every serving thread
     * @param echoNanos CPU of the bare echo server's serving thread
     * @param requests requests answered
     */
    private record Window(long wallNanos, long serverNanos, long echoNanos, long requests) {
        double cpuPerSecond() {
            return serverNanos * 1e9 / wallNanos;
        }

        double echoPerSecond() {
            return echoNanos * 1e9 / wallNanos;
        }
    }

    private static Window measure(final long window, final Target target, final PacedClient client) {
        client.sendTo(target);
        final long requests0 = client.answered();
        final Map<Long, Long> server0 = threadCpu("weft-rpc");
        final Map<Long, Long> echo0 = threadCpu(EchoServer.SERVING_THREAD_PREFIX);
        final long start = System.nanoTime();
        LockSupport.parkNanos(window);
        final long server = used(server0, threadCpu("weft-rpc"));
        final long echo = used(echo0, threadCpu(EchoServer.SERVING_THREAD_PREFIX));
        final long wall = System.nanoTime() - start;
        return new Window(wall, server, echo, client.answered() - requests0);
    }

    private static long used(final Map<Long, Long> before, final Map<Long, Long> after) {
        long sum = 0;
        for (final Map.Entry<Long, Long> thread : after.entrySet()) {
            sum += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        return sum;
    }

    /** CPU time so far of each live thread whose name starts with a prefix, by thread id. */
    private static Map<Long, Long> threadCpu(final String prefix) {
        final Map<Long, Long> cpu = new HashMap<>();
        for (final ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                final long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
