package dev.weft.platform;

/**
 * One physical core: the logical processors that share it (SMT siblings) and its efficiency class.
 *
 * @param index the core's position in {@link Topology#cores()}, ordered by lowest processor id
 * @param socket the socket it sits on
 * @param coreId the kernel's {@code core_id}, unique only within a socket
 * @param processors its logical processors
 * @param efficiencyClass 0 for the least performant cores, counting up through distinct performance levels (GTS)
 */
public record Core(int index, int socket, int coreId, CpuSet processors, int efficiencyClass) {}
