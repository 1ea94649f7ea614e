package dev.weft.cli.demo;

import dev.weft.balance.BalancingRound;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples the media reactors over the run, for the balancing report and the CPU chart: at each sample, every
 * reactor's thread CPU time (user plus system, from {@link ReactorStats}) and how many strands it holds
 * ({@link Reactor#strands()}, the list the balancing round reads too).
 *
 * <p>One thread (the demo's main loop) calls {@link #sample()}; the figures are computed from consecutive samples:
 * an interval's CPU share is its CPU delta over its wall time, and an interval counts as parked for a reactor when
 * the reactor held no strand at both of its ends (a reactor without strands sleeps in interrupt mode until a message
 * comes). Parked intervals give the CPU saved against a reactor that polls, which burns its core all the time.
 */
final class ReactorTimeline {

    private final List<Reactor> reactors;
    private final long startNanos;
    private final List<Long> times = new ArrayList<>();
    private final List<long[]> cpu = new ArrayList<>();
    private final List<int[]> strands = new ArrayList<>();

    /**
     * Starts a timeline and takes its first sample.
     *
     * @param reactors the reactors to follow, in index order
     * @param startNanos the run's start on {@link System#nanoTime()}
     */
    ReactorTimeline(final List<Reactor> reactors, final long startNanos) {
        this.reactors = List.copyOf(reactors);
        this.startNanos = startNanos;
        sample();
    }

    /** Takes one sample of every reactor. */
    void sample() {
        final long[] cpuNow = new long[reactors.size()];
        final int[] strandsNow = new int[reactors.size()];
        for (int i = 0; i < reactors.size(); i++) {
            final ReactorStats stats = reactors.get(i).stats();
            cpuNow[i] = Math.max(0, stats.userCpuNanos()) + Math.max(0, stats.systemCpuNanos());
            strandsNow[i] = reactors.get(i).strands().size();
        }
        times.add(System.nanoTime());
        cpu.add(cpuNow);
        strands.add(strandsNow);
    }

    /**
     * Computes the balancing figures from the samples taken so far.
     *
     * @param round the media group's balancing round
     * @param moves the moves seen
     * @return the figures
     */
    BalancingFigures figures(final BalancingRound round, final List<StrandMove> moves) {
        final int n = reactors.size();
        final List<Double> at = new ArrayList<>();
        final List<List<Double>> percent = new ArrayList<>();
        final List<List<Integer>> held = new ArrayList<>();
        final double[] parked = new double[n];
        final double[] parkedCpu = new double[n];
        for (int r = 0; r < n; r++) {
            percent.add(new ArrayList<>());
            held.add(new ArrayList<>());
        }
        for (int s = 1; s < times.size(); s++) {
            final long wall = times.get(s) - times.get(s - 1);
            at.add((times.get(s) - startNanos) / 1e9);
            for (int r = 0; r < n; r++) {
                final long used = Math.max(0, cpu.get(s)[r] - cpu.get(s - 1)[r]);
                percent.get(r).add(wall <= 0 ? 0.0 : 100.0 * used / wall);
                held.get(r).add(strands.get(s)[r]);
                if (strands.get(s)[r] == 0 && strands.get(s - 1)[r] == 0) {
                    parked[r] += wall / 1e9;
                    parkedCpu[r] += used / 1e6;
                }
            }
        }
        final double wall = times.size() < 2 ? 0 : (times.getLast() - times.getFirst()) / 1e9;
        double used = 0;
        double saved = 0;
        final List<Double> parkedList = new ArrayList<>();
        final List<Double> parkedCpuList = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            used += Math.max(0, cpu.getLast()[r] - cpu.getFirst()[r]) / 1e9;
            saved += Math.max(0, parked[r] - parkedCpu[r] / 1e3);
            parkedList.add(parked[r]);
            parkedCpuList.add(parkedCpu[r]);
        }
        return new BalancingFigures(
                round.info().balancerName(),
                round.info().periodMicros(),
                round.info().options(),
                round.rounds(),
                moves,
                at,
                percent,
                held,
                parkedList,
                parkedCpuList,
                used,
                wall * n,
                saved);
    }
}
