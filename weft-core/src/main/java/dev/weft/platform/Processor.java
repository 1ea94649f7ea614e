package dev.weft.platform;

/**
 * One logical processor (hardware thread) of the machine, as the {@link Topology} places it.
 *
 * @param id the kernel's processor id ({@code cpuN})
 * @param core the index of its core in {@link Topology#cores()}
 * @param socket its socket ({@code physical_package_id})
 * @param numaNode its NUMA node
 * @param efficiencyClass its core's efficiency class, 0 = least performant (GTS)
 * @param allowed whether this process may run on it (affinity and cgroup cpuset)
 * @param isolated whether the kernel isolated it from the scheduler ({@code isolcpus})
 */
public record Processor(
        int id, int core, int socket, int numaNode, int efficiencyClass, boolean allowed, boolean isolated) {}
