/**
 * The platform layer: what the machine is and how a thread is placed on it (GTS's topology chapter, and
 * the native calls the reactors of MTL and SPDK need).
 *
 * <ul>
 *   <li>{@link dev.weft.platform.Topology} read from sysfs and cgroups ({@link dev.weft.platform.TopologySource}
 *       takes the roots as parameters, so tests read fixture trees of bigger machines): processors, cores, sockets,
 *       NUMA nodes, efficiency classes, allowed and isolated processors;</li>
 *   <li>{@link dev.weft.platform.CpuSet}, the immutable processor set with Linux cpulist and SPDK mask forms;</li>
 *   <li>{@link dev.weft.platform.NativeThread}, affinity, {@code sched_getcpu}, {@code gettid}, timer slack, nice
 *       and the scheduling class through FFM, which say "unsupported" where the system lacks them;</li>
 *   <li>{@link dev.weft.platform.SchedulingPolicy}, the kernel scheduling class a thread asks for: the fair class
 *       with an optional slice, or a real-time class (SCHED_FIFO, SCHED_RR) with a priority;</li>
 *   <li>{@link dev.weft.platform.ThreadConfig}, the one way reactors and worker pools start threads;</li>
 *   <li>{@link dev.weft.platform.OwnedId}, GTS's 16-bit owner | 16-bit local id.</li>
 * </ul>
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.platform;
