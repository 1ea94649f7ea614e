package dev.weft.bench.rpc;

import dev.weft.bench.rpc.PacedClient.Target;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import dev.weft.rpc.methods.ProcStat;
import dev.weft.rpc.methods.SpdkMethods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What serving {@code framework_get_reactors} at 100 requests/s takes from the reactors' own throughput (the target: at
 * most 2% lost), measured as work done rather than as time or CPU: each round compares the work the reactors do while a
 * {@link PacedClient} calls weft's server, while it calls a bare UNIX-socket echo server ({@link EchoServer}, the
 * anchor), and while it sends nothing.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.weft.bench.rpc.RpcReactorThroughputCost
 * [rounds] [seconds per window]}; prints each round, then {@code <requests/s> <% kept serving weft> <% kept serving the
 * echo server> <lowest % kept serving weft> <highest>}, the first three the medians over the rounds.
 */
public final class RpcReactorThroughputCost {

    /*
     * Implementation overview
     *
     * The runtime has as many reactors as the machine has CPUs, each in poll mode running one strand whose tasklet does
     * a fixed unit of arithmetic per poll, so the reactors hold every core and any CPU the control plane takes comes
     * out of their work. Each round measures three windows of equal length over the same running runtime, driven by one
     * PacedClient: it sends 100 framework_get_reactors requests/s to weft's server, or 100 round trips/s of the same
     * sizes to the echo server (what waking a thread per request costs on this machine with no JSON and no runtime to
     * read), or wakes 100 times a second without sending (the quiet window). The order of the windows flips every
     * round.
     *
     * A round's figure is the work units done in a serving window as a share of those done in the quiet window of the
     * same round, so the slow drift of other processes' load, which moves throughput by far more than 2% between
     * minutes, cancels; the median over the rounds is reported. Both servers are warmed up first.
     */

    private static final int MIX_ROUNDS = 64;

    private RpcReactorThroughputCost() {}

    /**
     * Runs the rounds and prints the medians.
     *
     * @param args optional number of rounds (default 9) and seconds per window (default 1)
     * @throws InterruptedException if interrupted while waiting for the client to stop
     * @throws IOException if the temporary directory, a socket or a connection fails
     */
    public static void main(final String[] args) throws InterruptedException, IOException {
        final long[] roundsAndWindow = PacedClient.roundsAndWindow(args, 9, 1);
        run((int) roundsAndWindow[0], roundsAndWindow[1]);
    }

    private static void run(final int rounds, final long window) throws InterruptedException, IOException {
        final int reactors = Runtime.getRuntime().availableProcessors();
        final Path dir = Files.createTempDirectory("weft-rpc-throughput");
        final WorkTasklet[] work = new WorkTasklet[reactors];
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("throughput")
                        .reactors(reactors)
                        .mode(ReactorMode.POLL)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                JsonRpcServer server = serve(group, dir.resolve("weft.sock"));
                EchoServer echo = new EchoServer(dir.resolve("echo.sock"), false)) {
            for (int i = 0; i < reactors; i++) {
                final Strand strand = Strand.of("work-" + i);
                group.add(strand, group.reactor(i)).join();
                work[i] = new WorkTasklet(i);
                strand.add(work[i]).join();
            }
            try (PacedClient client = new PacedClient(server.socketPath(), echo.path(), reactors)) {
                measureRounds(rounds, window, work, client);
            }
        } finally {
            Files.deleteIfExists(dir.resolve("weft.sock"));
            Files.deleteIfExists(dir.resolve("echo.sock"));
            Files.deleteIfExists(dir);
        }
    }

    private static void measureRounds(
            final int rounds, final long window, final WorkTasklet[] work, final PacedClient client) {
        measure(window, Target.QUIET, work, client);
        final double[] keptWeft = new double[rounds];
        final double[] keptEcho = new double[rounds];
        final double[] rate = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            final Window[] windows = new Window[Target.values().length];
            for (final Target target : PacedClient.order(r)) {
                windows[target.ordinal()] = measure(window, target, work, client);
            }
            final Window weft = windows[Target.WEFT.ordinal()];
            final Window quiet = windows[Target.QUIET.ordinal()];
            final Window bare = windows[Target.ECHO.ordinal()];
            if (weft.requests() == 0 || bare.requests() == 0) {
                throw new IllegalStateException(
                        "the client sent no request in a window of " + TimeUnit.NANOSECONDS.toMillis(window) + " ms");
            }
            rate[r] = weft.requests() * 1e9 / weft.wallNanos();
            keptWeft[r] = 100 * weft.unitsPerSecond() / quiet.unitsPerSecond();
            keptEcho[r] = 100 * bare.unitsPerSecond() / quiet.unitsPerSecond();
            System.out.printf(
                    "round %d: work units/s quiet %.0f, serving weft %.0f (%.2f%% kept), serving the "
                            + "echo server %.0f (%.2f%% kept)%n",
                    r + 1,
                    quiet.unitsPerSecond(),
                    weft.unitsPerSecond(),
                    keptWeft[r],
                    bare.unitsPerSecond(),
                    keptEcho[r]);
        }
        final double[] sorted = keptWeft.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-12s %16s %16s %16s %16s%n",
                "requests/s", "weft % kept", "echo % kept", "weft lowest", "weft highest");
        System.out.printf(
                "%-12.1f %16.2f %16.2f %16.2f %16.2f%n",
                PacedClient.median(rate),
                PacedClient.median(keptWeft),
                PacedClient.median(keptEcho),
                sorted[0],
                sorted[sorted.length - 1]);
    }

    private static JsonRpcServer serve(final ReactorGroup group, final Path socket) {
        final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
        SpdkMethods.register(registry, group, "throughput", ProcStat.PROC_STAT).initialized();
        return JsonRpcServer.start(RpcServerConfig.defaults(socket), registry);
    }

    /**
     * One window: its length, the work units every reactor did in it, and the requests answered.
     *
     * @param wallNanos the window's length
     * @param units work units done by all reactors
     * @param requests requests answered
     */
    private record Window(long wallNanos, long units, long requests) {
        double unitsPerSecond() {
            return units * 1e9 / wallNanos;
        }
    }

    private static Window measure(
            final long window, final Target target, final WorkTasklet[] work, final PacedClient client) {
        client.sendTo(target);
        final long requests0 = client.answered();
        final long units0 = units(work);
        final long start = System.nanoTime();
        LockSupport.parkNanos(window);
        final long units = units(work) - units0;
        final long wall = System.nanoTime() - start;
        return new Window(wall, units, client.answered() - requests0);
    }

    private static long units(final WorkTasklet[] work) {
        long sum = 0;
        for (final WorkTasklet tasklet : work) {
            sum += tasklet.units();
        }
        return sum;
    }

    /**
     * A tasklet that does one fixed unit of work per poll (64 rounds of a 64-bit xorshift, a few hundred
     * nanoseconds) and counts the units: the reactor throughput the control plane must not eat into. The count has
     * one writer, the reactor thread, and is published with a release store for the measuring thread.
     */
    private static final class WorkTasklet extends Tasklet {
        private final AtomicLong units = new AtomicLong();
        private long state;

        WorkTasklet(final int index) {
            super("work");
            this.state = index + 1L;
        }

        @Override
        public int poll() {
            long x = state;
            for (int i = 0; i < MIX_ROUNDS; i++) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            state = x;
            units.lazySet(units.get() + 1);
            return 1;
        }

        long units() {
            return units.get();
        }
    }
}
