package dev.weft.bench.balance;

import dev.weft.balance.Balancer;
import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.balance.StaticBalancer;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code dynamic} saves: 32 bursty strands on reactors that poll as SPDK's do, under {@code static} (SPDK's
 * default, the anchor: strands stay where round-robin put them) and under {@code dynamic}, in the same run.
 *
 * <p>Each strand is busy for 500 ms of every 2 s, phases spread evenly, asking while busy for 6% of one core (so
 * about 48% of one core in all, in bursts); see {@link BurstyStrand}. Every reactor starts in poll mode; under
 * {@code dynamic} the round (period 250 ms) gathers idle strands on reactor 0 and puts emptied reactors into
 * interrupt mode. After a warm-up of one cycle, a window (10 s by default) measures the thread CPU time of the
 * reactors and the work units done; the report gives both for each policy and dynamic's ratios to static. The
 * target: CPU <= 60% of static's, work >= 95%. Before measuring, each run checks that every strand has done work.
 * Not a JMH benchmark: the quantity is CPU time and work per wall-clock window. Run: {@code java
 * --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.weft.bench.balance.BalancingSavings [seconds
 * [reactors]]} (reactors default to the available processors, at least 2).
 */
public final class BalancingSavings {

    private static final int STRANDS = 32;
    private static final long CYCLE_NANOS = 2_000_000_000L;
    private static final long BUSY_NANOS = 500_000_000L;
    private static final double SHARE_WHILE_BUSY = 0.06;
    private static final long PERIOD_MICROS = 250_000;

    private BalancingSavings() {}

    /** One policy's figures over the window. */
    private record Result(String policy, long cpuNanos, long work, long due, long windowNanos) {
        double cores() {
            return (double) cpuNanos / windowNanos;
        }
    }

    /**
     * Runs both policies and prints their figures.
     *
     * @param args optional window in seconds, then optional reactor count
     * @throws Exception if a run fails
     */
    public static void main(final String[] args) throws Exception {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
        final int reactors = args.length > 1
                ? Integer.parseInt(args[1])
                : Math.max(2, Runtime.getRuntime().availableProcessors());
        final double unitNanos = calibrate();
        System.out.printf(
                "unit %.0f ns, %d strands, %d reactors, window %d s%n", unitNanos, STRANDS, reactors, seconds);
        final Result anchor = run(new StaticBalancer(), reactors, seconds, unitNanos);
        final Result dynamic = run(new DynamicBalancer(), reactors, seconds, unitNanos);
        System.out.printf("%-8s %12s %10s %14s %14s%n", "policy", "cpu ms", "cores", "work units", "due units");
        for (final Result r : List.of(anchor, dynamic)) {
            System.out.printf(
                    "%-8s %12d %10.2f %14d %14d%n", r.policy, r.cpuNanos / 1_000_000, r.cores(), r.work, r.due);
        }
        System.out.printf(
                "dynamic/static: cpu %.1f%% (target <= 60%%), work %.1f%% (target >= 95%%)%n",
                100.0 * dynamic.cpuNanos / anchor.cpuNanos, 100.0 * dynamic.work / anchor.work);
    }

    private static double calibrate() {
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += BurstyStrand.unit(sink + i);
        }
        final int n = 2_000_000;
        final long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += BurstyStrand.unit(sink + i);
        }
        final double nanos = (double) (System.nanoTime() - t0) / n;
        if (sink == 42) {
            System.out.println("sink " + sink);
        }
        return nanos;
    }

    private static Result run(
            final Balancer balancer, final int reactorCount, final long seconds, final double unitNanos)
            throws InterruptedException {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("savings-" + balancer.name())
                .reactors(reactorCount)
                .mode(ReactorMode.POLL)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final long start = System.nanoTime();
            final List<BurstyStrand> loads = new ArrayList<>();
            for (int i = 0; i < STRANDS; i++) {
                final BurstyStrand load = new BurstyStrand(
                        start, CYCLE_NANOS, BUSY_NANOS, CYCLE_NANOS * i / STRANDS, SHARE_WHILE_BUSY / unitNanos);
                final Strand strand = Strand.of("bursty-" + i);
                group.add(strand).join();
                strand.add(load.tasklet("bursty-" + i + "-work")).join();
                loads.add(load);
            }
            try (BalancingRound round = BalancingRound.start(
                    group,
                    BalancingConfig.builder()
                            .balancer(balancer)
                            .periodMicros(PERIOD_MICROS)
                            .build())) {
                final long warmEnd = start + CYCLE_NANOS;
                while (System.nanoTime() < warmEnd || loads.stream().anyMatch(l -> l.done() == 0)) {
                    Thread.sleep(50);
                }
                final long cpu0 = cpu(group);
                final long work0 = loads.stream().mapToLong(BurstyStrand::done).sum();
                final long t0 = System.nanoTime();
                final long due0 = loads.stream().mapToLong(l -> l.dueAt(t0)).sum();
                Thread.sleep(seconds * 1_000);
                final long cpu1 = cpu(group);
                final long work1 = loads.stream().mapToLong(BurstyStrand::done).sum();
                final long t1 = System.nanoTime();
                final long due1 = loads.stream().mapToLong(l -> l.dueAt(t1)).sum();
                System.out.printf(
                        "%s: %d rounds; strands per reactor %s; modes %s%n",
                        balancer.name(),
                        round.rounds(),
                        group.reactors().stream().map(r -> r.strands().size()).toList(),
                        group.reactors().stream().map(Reactor::mode).toList());
                return new Result(balancer.name(), cpu1 - cpu0, work1 - work0, due1 - due0, t1 - t0);
            }
        }
    }

    private static long cpu(final ReactorGroup group) {
        long total = 0;
        for (final ReactorStats stats : group.snapshot().reactors()) {
            if (stats.userCpuNanos() < 0 || stats.systemCpuNanos() < 0) {
                throw new IllegalStateException(
                        "thread CPU time is not supported here; " + stats.name() + " reports none");
            }
            total += stats.userCpuNanos() + stats.systemCpuNanos();
        }
        return total;
    }
}
