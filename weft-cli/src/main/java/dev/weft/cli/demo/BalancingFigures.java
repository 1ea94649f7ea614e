package dev.weft.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * What the balancing phase shows: the balancer, its strand moves, each media reactor's CPU over time, and the CPU
 * saved by parking. A reactor is <em>parked</em> while it holds no strand (it waits in interrupt mode); a polling
 * reactor would have spent its whole core then. Immutable: the lists are copied.
 *
 * @param balancer the balancer's name ({@code dynamic})
 * @param periodMicros the balancing period, µs
 * @param options the balancer's options
 * @param rounds how many balancing rounds ran
 * @param moves every completed move, in order
 * @param sampleSeconds the end of each sampling interval, seconds since the media sessions started
 * @param cpuPercent per media reactor, its CPU use in each interval, percent of one core
 * @param strands per media reactor, how many strands it held at the end of each interval
 * @param parkedSeconds per media reactor, how long it was parked
 * @param parkedCpuMillis per media reactor, the CPU it used while parked, ms
 * @param reactorCpuSeconds the CPU all media reactors used over the sampled time, s
 * @param pollingCpuSeconds what the same reactors would have used polling all the time, s (one core each)
 * @param savedCpuSeconds the CPU parking saved against polling: parked time minus the CPU used while parked, s
 */
public record BalancingFigures(
        String balancer,
        long periodMicros,
        Map<String, Object> options,
        long rounds,
        List<StrandMove> moves,
        List<Double> sampleSeconds,
        List<List<Double>> cpuPercent,
        List<List<Integer>> strands,
        List<Double> parkedSeconds,
        List<Double> parkedCpuMillis,
        double reactorCpuSeconds,
        double pollingCpuSeconds,
        double savedCpuSeconds) {

    /**
     * Copies the lists.
     *
     * @param balancer the balancer's name
     * @param periodMicros the period
     * @param options the options
     * @param rounds the rounds run
     * @param moves the moves
     * @param sampleSeconds the sample times
     * @param cpuPercent CPU per reactor per interval
     * @param strands strands per reactor per sample
     * @param parkedSeconds parked time per reactor
     * @param parkedCpuMillis CPU while parked per reactor
     * @param reactorCpuSeconds the media reactors' CPU
     * @param pollingCpuSeconds the polling cost
     * @param savedCpuSeconds the CPU saved
     */
    public BalancingFigures {
        options = Map.copyOf(options);
        moves = List.copyOf(moves);
        sampleSeconds = List.copyOf(sampleSeconds);
        cpuPercent = cpuPercent.stream().map(List::copyOf).toList();
        strands = strands.stream().map(List::copyOf).toList();
        parkedSeconds = List.copyOf(parkedSeconds);
        parkedCpuMillis = List.copyOf(parkedCpuMillis);
    }
}
