package dev.weft.balance;

import dev.weft.platform.Core;
import dev.weft.platform.CpuSet;
import dev.weft.platform.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A governor over Linux cpufreq in sysfs, with its {@code userspace} policy, as SPDK's {@code dpdk_governor} uses
 * DPDK's {@code rte_power}.
 *
 * <p><b>Implementation overview.</b> {@link #open} first checks the mask as SPDK does: a core whose SMT siblings are
 * only partly in the mask is refused, since siblings share one clock and setting one would change the other's
 * reactor behind its back. Then, per processor, it reads {@code cpufreq/scaling_available_frequencies} (the
 * frequency table; drivers without one, such as {@code intel_pstate} in active mode, are refused with that
 * reason), remembers {@code scaling_governor}, switches it to {@code userspace} and places the processor on its
 * table at {@code scaling_cur_freq}. Each step operation writes the new frequency to {@code scaling_setspeed}.
 * {@link #close()} puts back the governors it found. The sysfs root is a parameter, so tests use fixture trees.
 * Calls are synchronized: the balancing round writes, RPC readers read.
 */
public final class CpufreqGovernor implements Governor {

    /** The name {@code framework_get_governor} reports. */
    public static final String NAME = "cpufreq";

    private final ManagedCores cores;
    private final Map<Integer, String> originalGovernors;
    private final Map<Integer, Boolean> priority;
    private final Path cpuDir;

    private CpufreqGovernor(
            final Path cpuDir,
            final String driver,
            final Map<Integer, FrequencyLadder> cores,
            final Map<Integer, String> originalGovernors,
            final Map<Integer, Boolean> priority) {
        this.cpuDir = cpuDir;
        this.cores = new ManagedCores(NAME, driver, cores);
        this.originalGovernors = originalGovernors;
        this.priority = priority;
    }

    /**
     * Takes control of the frequencies of some processors.
     *
     * @param sysfsRoot the directory standing for {@code /sys}
     * @param cpus the processors to manage
     * @param topology the machine's topology, for SMT siblings
     * @return the governor
     * @throws IllegalArgumentException naming the core or file when the mask splits SMT siblings, or a processor
     *     has no cpufreq, no frequency table or no userspace policy
     */
    public static CpufreqGovernor open(final Path sysfsRoot, final CpuSet cpus, final Topology topology) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("the cpufreq governor needs at least one CPU");
        }
        for (final Core core : topology.cores()) {
            final CpuSet inMask = core.processors().intersect(cpus);
            if (!inMask.isEmpty() && !inMask.equals(core.processors())) {
                throw new IllegalArgumentException("the cpufreq governor refuses CPU mask " + cpus.toList()
                        + ": it holds only " + inMask.toList() + " of core " + core.index() + "'s SMT siblings "
                        + core.processors().toList() + ", which share one clock");
            }
        }
        final Path cpuDir = sysfsRoot.resolve("devices/system/cpu");
        final Map<Integer, FrequencyLadder> cores = new LinkedHashMap<>();
        final Map<Integer, String> originals = new LinkedHashMap<>();
        final Map<Integer, OptionalLong> baseFrequencies = new LinkedHashMap<>();
        for (final int cpu : cpus.toArray()) {
            final Path freq = cpuDir.resolve("cpu" + cpu).resolve("cpufreq");
            if (!Files.isDirectory(freq)) {
                throw new IllegalArgumentException("CPU " + cpu + " has no cpufreq (" + freq + " is missing): "
                        + "this machine cannot change its frequency; use the simulated governor or none");
            }
            final Path table = freq.resolve("scaling_available_frequencies");
            if (!Files.isRegularFile(table)) {
                throw new IllegalArgumentException("CPU " + cpu + " has no frequency table (" + table
                        + " is missing; driver " + readOr(freq.resolve("scaling_driver"), "unknown") + ")");
            }
            final String governors = readOr(freq.resolve("scaling_available_governors"), "");
            if (!Arrays.asList(governors.split("\\s+")).contains("userspace")) {
                throw new IllegalArgumentException(
                        "CPU " + cpu + " offers no userspace cpufreq governor (it " + "offers '" + governors + "')");
            }
            final List<Long> steps = Arrays.stream(read(table).split("\\s+"))
                    .filter(s -> !s.isEmpty())
                    .map(s -> parse(table, s))
                    .distinct()
                    .sorted(Comparator.reverseOrder())
                    .toList();
            originals.put(cpu, read(freq.resolve("scaling_governor")));
            final long current = parse(freq.resolve("scaling_cur_freq"), read(freq.resolve("scaling_cur_freq")));
            cores.put(cpu, new FrequencyLadder(steps, current));
            final Path base = freq.resolve("base_frequency");
            baseFrequencies.put(
                    cpu, Files.isRegularFile(base) ? OptionalLong.of(parse(base, read(base))) : OptionalLong.empty());
        }
        final long lowestBase = baseFrequencies.values().stream()
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .orElse(0);
        final Map<Integer, Boolean> priority = new LinkedHashMap<>();
        baseFrequencies.forEach((cpu, base) -> priority.put(cpu, base.isPresent() && base.getAsLong() > lowestBase));
        switchToUserspace(cpuDir, originals);
        final String driver =
                readOr(cpuDir.resolve("cpu" + cpus.toArray()[0]).resolve("cpufreq/scaling_driver"), "cpufreq");
        return new CpufreqGovernor(cpuDir, driver, cores, originals, priority);
    }

    /** Switches every CPU to the userspace policy; if one refuses, puts back those already switched. */
    private static void switchToUserspace(final Path cpuDir, final Map<Integer, String> originals) {
        final Map<Integer, String> switched = new LinkedHashMap<>();
        try {
            for (final Map.Entry<Integer, String> cpu : originals.entrySet()) {
                write(cpuDir.resolve("cpu" + cpu.getKey()).resolve("cpufreq/scaling_governor"), "userspace");
                switched.put(cpu.getKey(), cpu.getValue());
            }
        } catch (final UncheckedIOException e) {
            switched.forEach((cpu, governor) -> {
                try {
                    write(cpuDir.resolve("cpu" + cpu).resolve("cpufreq/scaling_governor"), governor);
                } catch (final UncheckedIOException again) {
                    e.addSuppressed(again);
                }
            });
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    private FrequencyLadder core(final int cpu) {
        return cores.ladder(cpu);
    }

    private int setSpeed(final int cpu, final int changed) {
        if (changed != 0) {
            write(
                    cpuDir.resolve("cpu" + cpu).resolve("cpufreq/scaling_setspeed"),
                    Long.toString(core(cpu).current()));
        }
        return changed;
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
        return setSpeed(cpu, core(cpu).up());
    }

    @Override
    public synchronized int down(final int cpu) {
        return setSpeed(cpu, core(cpu).down());
    }

    @Override
    public synchronized int max(final int cpu) {
        return setSpeed(cpu, core(cpu).max());
    }

    @Override
    public synchronized int min(final int cpu) {
        return setSpeed(cpu, core(cpu).min());
    }

    @Override
    public Capabilities capabilities(final int cpu) {
        core(cpu);
        return new Capabilities(priority.get(cpu));
    }

    @Override
    public synchronized Map<String, Object> info() {
        return cores.info();
    }

    /** Puts back the cpufreq governors that were in force when this governor opened. */
    @Override
    public synchronized void close() {
        originalGovernors.forEach(
                (cpu, governor) -> write(cpuDir.resolve("cpu" + cpu).resolve("cpufreq/scaling_governor"), governor));
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file).strip();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String readOr(final Path file, final String otherwise) {
        return Files.isRegularFile(file) ? read(file) : otherwise;
    }

    private static void write(final Path file, final String value) {
        try {
            Files.writeString(file, value);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write '" + value + "' to " + file, e);
        }
    }

    private static long parse(final Path file, final String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(file + " holds '" + text + "', which is not a frequency", e);
        }
    }
}
