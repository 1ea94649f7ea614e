package dev.weft.bench.reactor;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.reactor.TaskletTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
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
 * Dispatch cost of one loop pass over N idle tasklets: a weft reactor in poll mode with its default, sampled tasklet
 * timing ({@code weft}) against Agrona's {@code CompositeAgent} on an {@code AgentRunner} with a busy-spin idle
 * strategy (no accounting), and with exact tasklet timing ({@code weftExact}) against a hand-written loop that does
 * the same accounting (one {@code nanoTime} per poll, run/busy/idle counters per tasklet and per strand, the paused
 * and timed checks). Each loop runs on its own thread; the benchmark thread sleeps until
 * {@value #PASSES} passes have gone by, so the score is nanoseconds per pass (divide by N + 1 for per tasklet).
 * Setup verifies that every tasklet is really polled before anything is timed.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DispatchBenchmark {

    static final int PASSES = 20_000;

    @Param({"1", "16", "256"})
    int tasklets;

    @Param({"weft", "weftExact", "handLoop", "agrona"})
    String loop;

    private final PassCounter counter = new PassCounter();
    private final List<IdleWork> work = new ArrayList<>();
    private ReactorGroup group;
    private HandLoop hand;
    private AgentRunner runner;

    /**
     * Starts the loop under test and verifies that it polls every tasklet.
     */
    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < tasklets; i++) {
            work.add(new IdleWork());
        }
        switch (loop) {
            case "weft" -> startWeft(TaskletTiming.SAMPLED);
            case "weftExact" -> startWeft(TaskletTiming.EXACT);
            case "handLoop" -> {
                hand = new HandLoop(work, counter);
                hand.start();
            }
            case "agrona" -> startAgrona();
            default -> throw new IllegalArgumentException("unknown loop " + loop);
        }
        counter.await(1_000);
        counter.await(1_000);
        for (final IdleWork w : work) {
            if (w.polls() < 1_000) {
                throw new IllegalStateException(loop + " polled a tasklet only " + w.polls() + " times");
            }
        }
    }

    private void startWeft(final TaskletTiming timing) {
        group = ReactorGroup.builder()
                .name("dispatch")
                .reactors(1)
                .mode(ReactorMode.POLL)
                .watchdog(Duration.ZERO)
                .taskletTiming(timing)
                .build()
                .start();
        final Strand strand = Strand.of("bench");
        group.add(strand).join();
        for (int i = 0; i < work.size(); i++) {
            final IdleWork w = work.get(i);
            strand.add(Tasklet.of("idle-" + i, w::poll)).join();
        }
        strand.add(Tasklet.of("counter", () -> {
                    counter.pass();
                    return 0;
                }))
                .join();
    }

    private void startAgrona() {
        final List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            final IdleWork w = work.get(i);
            agents.add(new NamedAgent("idle-" + i, w::poll));
        }
        agents.add(new NamedAgent("counter", () -> {
            counter.pass();
            return 0;
        }));
        runner = new AgentRunner(
                new BusySpinIdleStrategy(), Throwable::printStackTrace, null, new CompositeAgent(agents));
        AgentRunner.startOnThread(runner);
    }

    /**
     * Stops the loop under test.
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        if (group != null) {
            group.close();
        }
        if (hand != null) {
            hand.stop();
        }
        if (runner != null) {
            runner.close();
        }
    }

    /**
     * Waits for {@value #PASSES} passes of the loop.
     */
    @Benchmark
    @OperationsPerInvocation(PASSES)
    public void pass() {
        counter.await(PASSES);
    }

    /** An Agrona agent around a poll function. */
    private record NamedAgent(String roleName, java.util.function.IntSupplier body) implements Agent {
        @Override
        public int doWork() {
            return body.getAsInt();
        }
    }
}
