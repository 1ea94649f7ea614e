package dev.weft.bench.reactor;

import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Signal;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;

/**
 * Idle CPU cost: two loops holding 100 idle pieces of work between them, measured over a window (10 s by default) as
 * CPU time of the loop threads in percent of one core, one line per scenario: {@code weft-sleep} (two reactors in
 * sleep mode, 100 polled tasklets advising 1 ms, 1 µs timer slack; target <= 2%), {@code weft-sleep-50us} (the same
 * with Linux's default 50 µs slack: the CPU price of precise sleeps), {@code weft-interrupt} (two reactors in
 * interrupt mode, 100 registrations on signals nobody raises; target <= 0.1%), {@code agrona-backoff} (two
 * {@code AgentRunner}s with Agrona's default {@code BackoffIdleStrategy}, each running 50 idle agents) and
 * {@code park-floor} (two threads looping on {@code LockSupport.parkNanos(1 ms)}: the floor for any 1 ms sleeper).
 * Run: {@code java -cp benchmarks.jar dev.weft.bench.reactor.IdleCost [seconds]}.
 */
public final class IdleCost {

    /*
     * Implementation overview
     *
     * Before measuring, the run checks that every tasklet or agent has been called (in interrupt mode, that the
     * strands have run one message per registration), so that an idle loop that never runs its work cannot pass for a
     * cheap one; after a weft scenario it checks the reactor's effective mode. The weft scenarios read the reactors'
     * own CPU clocks (ReactorStats), the others ThreadMXBean's per-thread CPU time. Not a JMH benchmark because the
     * quantity is CPU time per wall-clock window, not time per operation.
     */

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int WORK = 100;

    private IdleCost() {}

    /**
     * Runs the five scenarios and prints one line each.
     *
     * @param args optional window in seconds
     * @throws Exception if a scenario fails
     */
    public static void main(final String[] args) throws Exception {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        System.out.printf("%-16s %10s %12s%n", "scenario", "cpu %core", "sleeps/s");
        weft("weft-sleep", ReactorMode.SLEEP, 1_000, seconds);
        weft("weft-sleep-50us", ReactorMode.SLEEP, 0, seconds);
        weft("weft-interrupt", ReactorMode.INTERRUPT, 1_000, seconds);
        agrona(seconds);
        floor(seconds);
    }

    private static void floor(final long seconds) throws InterruptedException {
        final List<Thread> threads = new ArrayList<>();
        final CountDownLatch started = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            threads.add(Thread.ofPlatform().name("park-floor-" + i).daemon(true).start(() -> {
                started.countDown();
                while (!Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(1_000_000L);
                }
            }));
        }
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("park-floor threads did not start");
        }
        final long before = threadCpu(threads);
        final long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        report("park-floor", threadCpu(threads) - before, System.nanoTime() - start, -1);
        threads.forEach(Thread::interrupt);
    }

    private static long threadCpu(final List<Thread> threads) {
        long total = 0;
        for (final Thread thread : threads) {
            total += THREADS.getThreadCpuTime(thread.threadId());
        }
        return total;
    }

    private static void weft(final String name, final ReactorMode mode, final long slackNanos, final long seconds)
            throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name(name)
                .reactors(2)
                .mode(mode)
                .timerSlackNanos(slackNanos)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final CountDownLatch polled = new CountDownLatch(WORK);
            for (int r = 0; r < 2; r++) {
                final Strand strand = Strand.of(name + "-" + r);
                group.add(strand, group.reactor(r)).join();
                for (int i = 0; i < WORK / 2; i++) {
                    if (mode == ReactorMode.SLEEP) {
                        final boolean[] seen = new boolean[1];
                        final Tasklet tasklet = Tasklet.of("idle-" + i, () -> {
                            if (!seen[0]) {
                                seen[0] = true;
                                polled.countDown();
                            }
                            return 0;
                        });
                        tasklet.adviceSleepMicros(1000);
                        strand.add(tasklet).join();
                    } else {
                        strand.register(new Signal("quiet-" + i), reg -> 0);
                        strand.execute(polled::countDown);
                    }
                }
            }
            if (!polled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": not every tasklet ran");
            }
            final long cpuBefore = cpu(group);
            final long sleepsBefore = sleeps(group);
            final long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            final long wall = System.nanoTime() - start;
            report(name, cpu(group) - cpuBefore, wall, sleeps(group) - sleepsBefore);
            final ReactorStats stats = group.reactor(0).stats();
            if (stats.effectiveMode() != (mode == ReactorMode.SLEEP ? ReactorMode.SLEEP : ReactorMode.INTERRUPT)) {
                throw new IllegalStateException(name + ": reactor ran in " + stats.effectiveMode());
            }
        }
    }

    private static long cpu(final ReactorGroup group) {
        long total = 0;
        for (final Reactor reactor : group.reactors()) {
            final ReactorStats stats = reactor.stats();
            total += stats.userCpuNanos() + stats.systemCpuNanos();
        }
        return total;
    }

    private static long sleeps(final ReactorGroup group) {
        return group.reactors().stream().mapToLong(r -> r.stats().sleeps()).sum();
    }

    private static void agrona(final long seconds) throws Exception {
        final List<AgentRunner> runners = new ArrayList<>();
        final CountDownLatch polled = new CountDownLatch(WORK);
        for (int r = 0; r < 2; r++) {
            final List<Agent> agents = new ArrayList<>();
            for (int i = 0; i < WORK / 2; i++) {
                final String role = "idle-" + r + "-" + i;
                final boolean[] seen = new boolean[1];
                agents.add(new Agent() {
                    @Override
                    public int doWork() {
                        if (!seen[0]) {
                            seen[0] = true;
                            polled.countDown();
                        }
                        return 0;
                    }

                    @Override
                    public String roleName() {
                        return role;
                    }
                });
            }
            final AgentRunner runner = new AgentRunner(
                    new BackoffIdleStrategy(), Throwable::printStackTrace, null, new CompositeAgent(agents));
            AgentRunner.startOnThread(runner);
            runners.add(runner);
        }
        try {
            if (!polled.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("agrona: not every agent ran");
            }
            final long before = agronaCpu(runners);
            final long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            report("agrona-backoff", agronaCpu(runners) - before, System.nanoTime() - start, -1);
        } finally {
            runners.forEach(AgentRunner::close);
        }
    }

    private static long agronaCpu(final List<AgentRunner> runners) {
        return threadCpu(runners.stream().map(AgentRunner::thread).toList());
    }

    private static void report(final String name, final long cpuNanos, final long wallNanos, final long sleeps) {
        System.out.printf(
                "%-16s %9.3f%% %12s%n",
                name, cpuNanos * 100.0 / wallNanos, sleeps < 0 ? "-" : String.format("%.0f", sleeps * 1e9 / wallNanos));
    }
}
