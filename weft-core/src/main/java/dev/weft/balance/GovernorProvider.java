package dev.weft.balance;

/**
 * Opens the governor a balancer installs when it is chosen, as SPDK's {@code dynamic} and {@code gscheduler} set
 * {@code dpdk_governor}: {@code gscheduler} cannot run without one, {@code dynamic} goes on without, {@code static}
 * and {@code mtl} use none. Each call opens a new governor; the balancing round closes it when its balancer is
 * switched away.
 */
@FunctionalInterface
public interface GovernorProvider {

    /** A provider with no governor to give: every open fails, as SPDK's on a machine without cpufreq. */
    GovernorProvider NONE = () -> {
        throw new IllegalStateException("no governor is configured");
    };

    /**
     * Opens a governor over the reactors' CPUs.
     *
     * @return the governor, ready for frequency actions
     * @throws RuntimeException naming why no governor can be installed (no cpufreq, no permission, none configured)
     */
    Governor open();
}
