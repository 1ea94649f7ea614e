package dev.weft.balance;

import java.util.List;
import java.util.Map;

/**
 * Sets CPU frequency per core, with SPDK's governor operations. A balancer asks through a plan's
 * {@link FrequencyAction}s; the round calls the governor, so balancers run just as well with none.
 *
 * <p>The step operations return SPDK's codes: 1 when the frequency changed, 0 when it was already at the limit.
 * Failures are exceptions naming the core and the cause. A governor is opened by a {@link GovernorProvider} when a
 * balancer that uses one is chosen, and closed when it is switched away, as SPDK's balancers set and drop theirs.
 */
public interface Governor extends AutoCloseable {

    /**
     * Returns the governor's name ({@code framework_get_governor}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the frequencies a core can run at, highest first, in kHz.
     *
     * @param cpu a processor the governor manages
     * @return the available frequencies
     */
    List<Long> availableFrequencies(int cpu);

    /**
     * Returns a core's current frequency in kHz.
     *
     * @param cpu a processor the governor manages
     * @return the frequency
     */
    long currentFrequency(int cpu);

    /**
     * Raises a core's frequency one step ({@code core_freq_up}).
     *
     * @param cpu a processor the governor manages
     * @return 1 if it changed, 0 if it was at the highest
     */
    int up(int cpu);

    /**
     * Lowers a core's frequency one step ({@code core_freq_down}).
     *
     * @param cpu a processor the governor manages
     * @return 1 if it changed, 0 if it was at the lowest
     */
    int down(int cpu);

    /**
     * Sets a core to its highest frequency ({@code set_core_freq_max}).
     *
     * @param cpu a processor the governor manages
     * @return 1 if it changed, 0 if it was there already
     */
    int max(int cpu);

    /**
     * Sets a core to its lowest frequency ({@code set_core_freq_min}).
     *
     * @param cpu a processor the governor manages
     * @return 1 if it changed, 0 if it was there already
     */
    int min(int cpu);

    /**
     * Returns a core's capabilities ({@code get_core_capabilities}).
     *
     * @param cpu a processor the governor manages
     * @return its capabilities
     */
    Capabilities capabilities(int cpu);

    /**
     * Returns what the governor knows, for {@code framework_get_governor} ({@code dump_info_json}): its
     * {@code name}, the {@code env} it works through (SPDK's {@code dpdk_governor} reports its power environment),
     * and what else it keeps.
     *
     * @return name → value, in a stable order
     */
    Map<String, Object> info();

    /** Gives the cores back as they were found; by default there is nothing to give back. */
    @Override
    default void close() {}

    /**
     * Carries out one frequency action.
     *
     * @param cpu a processor the governor manages
     * @param action what to do
     * @return 1 if the frequency changed, 0 if not
     */
    default int apply(final int cpu, final FrequencyAction action) {
        return switch (action) {
            case MIN -> min(cpu);
            case DOWN -> down(cpu);
            case UP -> up(cpu);
            case MAX -> max(cpu);
        };
    }

    /**
     * A core's capabilities, as SPDK's {@code spdk_governor_capabilities}.
     *
     * @param priority whether it is a high-priority core (its base frequency is above the lowest among the
     *     managed cores, as with Intel SST-BF)
     */
    record Capabilities(boolean priority) {}
}
