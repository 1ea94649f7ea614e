package dev.weft.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * How the figures were taken: the machine (from {@code /proc}), the JDK, the JMH settings, the load average before
 * and after, the share of the machine's CPU time that other processes took meanwhile, the time, the commit, and how
 * each source's command went. Immutable. A run stores it in {@code run.properties} beside the raw outputs, so a
 * report can be rendered again ({@code --from DIR}).
 *
 * @param started when measuring began, ISO-8601 UTC
 * @param finished when measuring ended, ISO-8601 UTC
 * @param cpuModel the CPU model name
 * @param cpus the number of online CPUs
 * @param memory the memory size, for example {@code 7.8 GiB}
 * @param kernel the kernel release
 * @param jdk the JDK that ran the benchmarks
 * @param jmhSettings JMH's settings as options
 * @param quick whether this was a quick (smoke) run
 * @param loadBefore the load average (1, 5, 15 min) before measuring
 * @param loadAfter the load average after measuring
 * @param othersCpuShare the share of the machine's CPU time, 0 to 1, that went to other processes and to steal while
 *     measuring ({@link CpuTimes#othersShare}), or NaN if unknown
 * @param commit the commit measured, as the caller named it
 * @param runs how each source's command went
 */
public record Environment(
        String started,
        String finished,
        String cpuModel,
        int cpus,
        String memory,
        String kernel,
        String jdk,
        String jmhSettings,
        boolean quick,
        String loadBefore,
        String loadAfter,
        double othersCpuShare,
        String commit,
        List<SourceRun> runs) {

    /**
     * Copies the runs.
     *
     * @param started start time
     * @param finished end time
     * @param cpuModel CPU model
     * @param cpus CPU count
     * @param memory memory size
     * @param kernel kernel release
     * @param jdk JDK
     * @param jmhSettings JMH settings
     * @param quick quick run
     * @param loadBefore load before
     * @param loadAfter load after
     * @param othersCpuShare other processes' share of the CPU time
     * @param commit commit
     * @param runs the source runs
     */
    public Environment {
        runs = List.copyOf(runs);
    }

    /**
     * The CPU model from {@code /proc/cpuinfo}'s text.
     *
     * @param cpuinfo the text
     * @return the first {@code model name}, or {@code unknown}
     */
    static String cpuModel(final String cpuinfo) {
        for (final String line : cpuinfo.split("\\R")) {
            if (line.startsWith("model name")) {
                final int colon = line.indexOf(':');
                return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
            }
        }
        return "unknown";
    }

    /**
     * The number of CPUs {@code /proc/cpuinfo}'s text lists.
     *
     * @param cpuinfo the text
     * @return the count of {@code processor} lines
     */
    static int cpuCount(final String cpuinfo) {
        int count = 0;
        for (final String line : cpuinfo.split("\\R")) {
            if (line.matches("processor\\s*:.*")) {
                count++;
            }
        }
        return count;
    }

    /**
     * The three load averages of {@code /proc/loadavg}'s text.
     *
     * @param loadavg the text, such as {@code 1.02 0.88 0.75 2/345 6789}
     * @return {@code 1.02 0.88 0.75}
     */
    static String loadAverage(final String loadavg) {
        final String[] fields = loadavg.trim().split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : loadavg.trim();
    }

    /**
     * The memory size from {@code /proc/meminfo}'s text.
     *
     * @param meminfo the text
     * @return the size in GiB, or {@code unknown}
     */
    static String memory(final String meminfo) {
        for (final String line : meminfo.split("\\R")) {
            if (line.startsWith("MemTotal:")) {
                final long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    /**
     * The current load average, read now.
     *
     * @return the three averages, or {@code unknown}
     */
    static String loadNow() {
        return loadAverage(read(Path.of("/proc/loadavg"), "unknown"));
    }

    /**
     * The machine's facts and this JVM's JDK, read now, for a run about to start.
     *
     * @param started the start time
     * @param finished the end time
     * @param jmhSettings the JMH settings
     * @param quick whether it is a quick run
     * @param loadBefore the load before measuring
     * @param loadAfter the load after
     * @param othersCpuShare other processes' share of the CPU time meanwhile, or NaN
     * @param commit the commit
     * @param runs the source runs
     * @return the environment
     */
    static Environment capture(
            final String started,
            final String finished,
            final String jmhSettings,
            final boolean quick,
            final String loadBefore,
            final String loadAfter,
            final double othersCpuShare,
            final String commit,
            final List<SourceRun> runs) {
        final String cpuinfo = read(Path.of("/proc/cpuinfo"), "");
        final String jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")";
        return new Environment(
                started,
                finished,
                cpuModel(cpuinfo),
                cpuCount(cpuinfo),
                memory(read(Path.of("/proc/meminfo"), "")),
                read(Path.of("/proc/sys/kernel/osrelease"), "unknown").trim(),
                jdk,
                jmhSettings,
                quick,
                loadBefore,
                loadAfter,
                othersCpuShare,
                commit,
                runs);
    }

    private static String read(final Path file, final String otherwise) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            return otherwise;
        }
    }

    /**
     * Writes this environment as properties.
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    void store(final Path file) throws IOException {
        final Properties properties = new Properties();
        properties.setProperty("started", started);
        properties.setProperty("finished", finished);
        properties.setProperty("cpuModel", cpuModel);
        properties.setProperty("cpus", Integer.toString(cpus));
        properties.setProperty("memory", memory);
        properties.setProperty("kernel", kernel);
        properties.setProperty("jdk", jdk);
        properties.setProperty("jmhSettings", jmhSettings);
        properties.setProperty("quick", Boolean.toString(quick));
        properties.setProperty("loadBefore", loadBefore);
        properties.setProperty("loadAfter", loadAfter);
        properties.setProperty("othersCpuShare", Double.toString(othersCpuShare));
        properties.setProperty("commit", commit);
        properties.setProperty("runs", Integer.toString(runs.size()));
        for (int i = 0; i < runs.size(); i++) {
            final SourceRun run = runs.get(i);
            properties.setProperty("run." + i + ".name", run.name());
            properties.setProperty("run." + i + ".command", run.command());
            properties.setProperty("run." + i + ".exit", Integer.toString(run.exit()));
            properties.setProperty("run." + i + ".seconds", Double.toString(run.seconds()));
            properties.setProperty("run." + i + ".problem", run.problem());
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "weft performance report run");
        }
    }

    /**
     * Reads an environment written by {@link #store(Path)}.
     *
     * @param file the file
     * @return the environment
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and key if a value is missing
     */
    static Environment load(final Path file) throws IOException {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        final List<SourceRun> runs = new ArrayList<>();
        final int count = Integer.parseInt(get(p, file, "runs"));
        for (int i = 0; i < count; i++) {
            runs.add(new SourceRun(
                    get(p, file, "run." + i + ".name"),
                    get(p, file, "run." + i + ".command"),
                    Integer.parseInt(get(p, file, "run." + i + ".exit")),
                    Double.parseDouble(get(p, file, "run." + i + ".seconds")),
                    get(p, file, "run." + i + ".problem")));
        }
        return new Environment(
                get(p, file, "started"),
                get(p, file, "finished"),
                get(p, file, "cpuModel"),
                Integer.parseInt(get(p, file, "cpus")),
                get(p, file, "memory"),
                get(p, file, "kernel"),
                get(p, file, "jdk"),
                get(p, file, "jmhSettings"),
                Boolean.parseBoolean(get(p, file, "quick")),
                get(p, file, "loadBefore"),
                get(p, file, "loadAfter"),
                Double.parseDouble(p.getProperty("othersCpuShare", "NaN")),
                get(p, file, "commit"),
                runs);
    }

    private static String get(final Properties properties, final Path file, final String key) {
        final String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + " has no \"" + key + "\"");
        }
        return value;
    }
}
