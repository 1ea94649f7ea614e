package dev.weft.bench.rpc;

import dev.weft.reactor.Strand;
import dev.weft.rpc.JsonRpcClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * What serving the control plane costs the reactors, in wall time: reactor throughput, as a burst of {@value #BURST}
 * messages posted to a strand and timed until the last has run (every burst checks that all its messages ran).
 * {@code rpcPerSecond = 0} is the anchor (no client); {@code 100} runs a client thread calling
 * {@code framework_get_reactors} 100 times a second throughout. The ratio of the two scores is the cost. The average
 * gives the full cost, including the CPU the server takes from the reactors; sample mode's median burst shows whether
 * serving requests slows a reactor while it runs. The target (at most 2% lost reactor throughput at 100 requests/s)
 * is measured in paired windows by {@link RpcReactorThroughputCost}.
 */
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RpcReactorCostBenchmark {

    /*
     * Implementation overview.
     *
     * Two modes, because on a shared two-core machine a burst's time is mostly how long other processes keep the
     * reactor thread off its core, which drifts between two JMH trials by far more than 2%; the median burst is robust
     * to those preemptions. A burst lasts well under a millisecond, so an iteration holds over a thousand samples.
     * For the same reason separate trials cannot resolve the 2% target, which RpcReactorThroughputCost measures in
     * paired windows within one run.
     */

    static final int BURST = 10_000;

    @Param({"0", "100"})
    int rpcPerSecond;

    private RpcFixture fixture;
    private Strand target;
    private Thread poller;
    private volatile boolean running;
    private long ran;

    /** Starts the runtime, the target strand and, if asked, the client. */
    @Setup(Level.Trial)
    public void start() {
        fixture = new RpcFixture();
        target = Strand.of("target");
        fixture.group.add(target, fixture.group.reactor(0)).join();
        running = true;
        if (rpcPerSecond > 0) {
            final JsonRpcClient client = JsonRpcClient.connect(fixture.server.socketPath(), false);
            RpcFixture.verify(client);
            final long period = TimeUnit.SECONDS.toNanos(1) / rpcPerSecond;
            poller = Thread.ofPlatform().name("rpc-100").start(() -> {
                try (client) {
                    long next = System.nanoTime();
                    while (running) {
                        client.call("framework_get_reactors", null);
                        next += period;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                }
            });
        }
    }

    /**
     * Stops the client and the runtime.
     *
     * @throws InterruptedException if interrupted while joining the client
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        if (poller != null) {
            poller.join();
        }
        fixture.close();
    }

    /**
     * Posts a burst to the strand and waits for its last message.
     *
     * @return the number of messages that ran
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long burst() throws InterruptedException {
        final CountDownLatch done = new CountDownLatch(1);
        final long before = ran;
        for (int i = 0; i < BURST - 1; i++) {
            target.execute(() -> ran++);
        }
        target.execute(() -> {
            ran++;
            done.countDown();
        });
        done.await();
        final long count = ran - before;
        if (count != BURST) {
            throw new IllegalStateException("a burst ran " + count + " messages, not " + BURST);
        }
        return count;
    }
}
