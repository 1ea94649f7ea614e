package dev.weft.platform;

/**
 * One processor package.
 *
 * @param id the kernel's {@code physical_package_id}
 * @param processors the logical processors on it
 */
public record Socket(int id, CpuSet processors) {}
