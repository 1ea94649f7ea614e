package dev.weft.balance;

import dev.weft.platform.CpuSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code framework_get_scheduler} reports about a {@link BalancingRound}: an immutable reading, published after
 * every change.
 *
 * @param balancerName the current balancer's name ({@code scheduler_name})
 * @param periodMicros the period in µs ({@code scheduler_period}); 0 when no round is due (off, or static after
 *     its one round)
 * @param isolated the CPUs of the isolated reactors ({@code isolated_core_mask})
 * @param schedulingReactor the index of the reactor that runs the round ({@code scheduling_core})
 * @param governorName the governor's name, empty when there is none ({@code governor_name})
 * @param options the balancer's options, in its order
 */
public record BalancingInfo(
        String balancerName,
        long periodMicros,
        CpuSet isolated,
        int schedulingReactor,
        Optional<String> governorName,
        Map<String, Object> options) {

    /**
     * Copies the options and checks the fields.
     *
     * @param balancerName the balancer's name
     * @param periodMicros the period
     * @param isolated the isolated CPUs
     * @param schedulingReactor the scheduling reactor
     * @param governorName the governor's name
     * @param options the options
     */
    public BalancingInfo {
        Objects.requireNonNull(balancerName, "balancerName");
        Objects.requireNonNull(isolated, "isolated");
        Objects.requireNonNull(governorName, "governorName");
        if (periodMicros < 0) {
            throw new IllegalArgumentException("period " + periodMicros + " µs is negative");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
