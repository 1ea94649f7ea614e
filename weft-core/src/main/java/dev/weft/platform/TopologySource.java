package dev.weft.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a {@link Topology} is read from: a sysfs tree, a cgroup tree, this process's cgroup membership and its
 * affinity. The live machine is {@link #live()}; a test, or {@code weft topology --sysfs DIR}, points
 * {@link #ofSysfs(Path)} at a tree that describes another machine.
 *
 * @param sysfsRoot the directory that stands for {@code /sys}
 * @param cgroupRoot the directory that stands for {@code /sys/fs/cgroup}
 * @param processCgroup the file that stands for {@code /proc/self/cgroup}; it may be missing, which means the root
 *     cgroup
 * @param affinity supplies the process's affinity ({@code sched_getaffinity}), or empty when it is unknown
 */
public record TopologySource(Path sysfsRoot, Path cgroupRoot, Path processCgroup, Supplier<Optional<CpuSet>> affinity) {

    /**
     * Checks that no component is null.
     *
     * @param sysfsRoot the directory that stands for {@code /sys}
     * @param cgroupRoot the directory that stands for {@code /sys/fs/cgroup}
     * @param processCgroup the file that stands for {@code /proc/self/cgroup}
     * @param affinity supplies the process's affinity
     */
    public TopologySource {
        Objects.requireNonNull(sysfsRoot, "sysfsRoot");
        Objects.requireNonNull(cgroupRoot, "cgroupRoot");
        Objects.requireNonNull(processCgroup, "processCgroup");
        Objects.requireNonNull(affinity, "affinity");
    }

    /**
     * The machine this JVM runs on: {@code /sys}, {@code /sys/fs/cgroup}, {@code /proc/self/cgroup} and the calling
     * thread's {@code sched_getaffinity} (empty where that call is unsupported).
     *
     * @return the live source
     */
    public static TopologySource live() {
        return new TopologySource(
                Path.of("/sys"), Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"), TopologySource::liveAffinity);
    }

    /**
     * A machine described by a directory laid out like {@code /sys}: cgroups are read from {@code DIR/fs/cgroup};
     * beside {@code DIR}, an optional {@code proc/self/cgroup} gives the process's cgroups and an optional file
     * {@code affinity} holds a cpulist that stands for {@code sched_getaffinity}.
     *
     * @param sysfsRoot the directory standing for {@code /sys}
     * @return a source reading only from that tree
     */
    public static TopologySource ofSysfs(final Path sysfsRoot) {
        final Path base = sysfsRoot.toAbsolutePath().getParent();
        final Path affinityFile = base.resolve("affinity");
        return new TopologySource(
                sysfsRoot,
                sysfsRoot.resolve("fs/cgroup"),
                base.resolve("proc/self/cgroup"),
                () -> Files.isRegularFile(affinityFile)
                        ? Optional.of(CpuSet.parseList(SysfsFiles.read(affinityFile)))
                        : Optional.empty());
    }

    private static Optional<CpuSet> liveAffinity() {
        try {
            return Optional.of(NativeThread.currentThreadAffinity());
        } catch (final NativeUnsupportedException e) {
            return Optional.empty();
        }
    }
}
