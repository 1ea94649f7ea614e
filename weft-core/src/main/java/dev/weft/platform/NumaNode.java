package dev.weft.platform;

/**
 * One NUMA node: memory and the processors closest to it.
 *
 * @param id the node number ({@code nodeN})
 * @param processors the online logical processors of the node
 */
public record NumaNode(int id, CpuSet processors) {}
