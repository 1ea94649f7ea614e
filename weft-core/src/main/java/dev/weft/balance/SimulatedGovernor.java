package dev.weft.balance;

import dev.weft.platform.CpuSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A governor that keeps each core's frequency step in memory and reports it, changing no hardware: for tests, and
 * for machines without cpufreq (virtual machines), where it still shows what a balancer asked for.
 *
 * <p>Every managed core has the same steps; all start at the highest. Calls are synchronized: the balancing round
 * writes, RPC readers read.
 */
public final class SimulatedGovernor implements Governor {

    /** The name {@code framework_get_governor} reports. */
    public static final String NAME = "simulated";

    private final ManagedCores cores;

    /**
     * Creates the governor.
     *
     * @param cpus the processors it manages
     * @param stepsHighestFirst the frequencies in kHz, highest first
     */
    public SimulatedGovernor(final CpuSet cpus, final List<Long> stepsHighestFirst) {
        for (int i = 1; i < stepsHighestFirst.size(); i++) {
            if (stepsHighestFirst.get(i) >= stepsHighestFirst.get(i - 1)) {
                throw new IllegalArgumentException(
                        "frequencies must be listed highest first without repeats: " + stepsHighestFirst);
            }
        }
        final Map<Integer, FrequencyLadder> ladders = new LinkedHashMap<>();
        cpus.stream()
                .forEach(cpu -> ladders.put(cpu, new FrequencyLadder(stepsHighestFirst, stepsHighestFirst.getFirst())));
        this.cores = new ManagedCores(NAME, NAME, ladders);
    }

    @Override
    public String name() {
        return NAME;
    }

    private FrequencyLadder core(final int cpu) {
        return cores.ladder(cpu);
    }

    @Override
    public synchronized List<Long> availableFrequencies(final int cpu) {
        return core(cpu).steps();
    }

    @Override
    public synchronized long currentFrequency(final int cpu) {
        return core(cpu).current();
    }

    @Override
    public synchronized int up(final int cpu) {
        return core(cpu).up();
    }

    @Override
    public synchronized int down(final int cpu) {
        return core(cpu).down();
    }

    @Override
    public synchronized int max(final int cpu) {
        return core(cpu).max();
    }

    @Override
    public synchronized int min(final int cpu) {
        return core(cpu).min();
    }

    @Override
    public Capabilities capabilities(final int cpu) {
        core(cpu);
        return new Capabilities(false);
    }

    @Override
    public synchronized Map<String, Object> info() {
        return cores.info();
    }
}
