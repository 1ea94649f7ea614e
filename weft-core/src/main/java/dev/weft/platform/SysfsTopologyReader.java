package dev.weft.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds a {@link Topology} from a sysfs tree, a cgroup tree and the process's affinity.
 *
 * <p>One reader reads once, on one thread. Whatever is missing (no affinity call, no cpuset) is left out of the allowed
 * set and said in {@link Topology#notes()}; a tree with no processor directory or no online processor is an
 * {@link IllegalArgumentException} naming the path.
 */
final class SysfsTopologyReader {

    /*
     * Implementation overview
     *
     * 1. The online processors come from devices/system/cpu/online (else every cpuN directory).
     *
     * 2. Each processor's socket is topology/physical_package_id; its SMT siblings are topology/core_cpus_list (older
     * kernels: thread_siblings_list). Processors with the same siblings form one core; cores are numbered by their
     * lowest processor.
     *
     * 3. NUMA nodes are devices/system/node/nodeN/cpulist; a kernel without NUMA gets one node 0.
     *
     * 4. Efficiency classes follow GTS: a core's performance figure is the first of cpu_capacity,
     * cpufreq/base_frequency, cpufreq/cpuinfo_max_freq that every online processor has; the distinct figures are
     * ranked, the lowest being class 0. One figure for all gives all class 0.
     *
     * 5. Isolated processors are devices/system/cpu/isolated.
     *
     * 6. The allowed set is online ∩ affinity ∩ cgroup cpuset. The cpuset is read from the cgroup v1 cpuset hierarchy
     * if the process belongs to one, else from cgroup v2's cpuset.cpus.effective, walking up from the process's cgroup
     * to the first directory that has the file. /proc/cpuinfo is never read: it lists processors a container may not
     * use.
     */

    private static final Pattern CPU_DIR = Pattern.compile("cpu(\\d+)");
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private static final List<String> PERFORMANCE_FILES =
            List.of("cpu_capacity", "cpufreq/base_frequency", "cpufreq/cpuinfo_max_freq");

    private final TopologySource source;
    private final Path cpuDir;
    private final List<String> notes = new ArrayList<>();

    SysfsTopologyReader(final TopologySource source) {
        this.source = source;
        this.cpuDir = source.sysfsRoot().resolve("devices/system/cpu");
    }

    Topology read() {
        if (!Files.isDirectory(cpuDir)) {
            throw new IllegalArgumentException("no processors to read: " + cpuDir + " is not a directory");
        }
        final CpuSet online =
                SysfsFiles.cpuListIfPresent(cpuDir.resolve("online")).orElseGet(this::listCpuDirs);
        if (online.isEmpty()) {
            throw new IllegalArgumentException("no online processors under " + cpuDir);
        }
        final CpuSet isolated =
                SysfsFiles.cpuListIfPresent(cpuDir.resolve("isolated")).orElse(CpuSet.empty());
        final List<Core> cores = readCores(online);
        final List<NumaNode> nodes = readNumaNodes(online);
        final CpuSet allowed = readAllowed(online);
        final Map<Integer, Socket> sockets = new TreeMap<>();
        for (final Core core : cores) {
            sockets.merge(
                    core.socket(),
                    new Socket(core.socket(), core.processors()),
                    (a, b) -> new Socket(a.id(), a.processors().union(b.processors())));
        }
        final List<Processor> processors = new ArrayList<>();
        for (final Core core : cores) {
            core.processors().stream()
                    .forEach(cpu -> processors.add(new Processor(
                            cpu,
                            core.index(),
                            core.socket(),
                            nodeOf(nodes, cpu),
                            core.efficiencyClass(),
                            allowed.contains(cpu),
                            isolated.contains(cpu))));
        }
        processors.sort(Comparator.comparingInt(Processor::id));
        return new Topology(
                processors,
                cores,
                List.copyOf(sockets.values()),
                nodes,
                online,
                allowed,
                isolated.intersect(online),
                notes);
    }

    private CpuSet listCpuDirs() {
        final CpuSet.Builder cpus = new CpuSet.Builder();
        try (Stream<Path> entries = Files.list(cpuDir)) {
            entries.map(p -> CPU_DIR.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> cpus.add(Integer.parseInt(m.group(1))));
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + cpuDir, e);
        }
        notes.add("no " + cpuDir.resolve("online") + ": took every cpuN directory as online");
        return cpus.build();
    }

    private List<Core> readCores(final CpuSet online) {
        final Map<CpuSet, Integer> socketOfCore = new HashMap<>();
        final Map<CpuSet, Integer> coreIdOfCore = new HashMap<>();
        online.stream().forEach(cpu -> {
            final Path topology = cpuDir.resolve("cpu" + cpu).resolve("topology");
            final CpuSet siblings = SysfsFiles.cpuListIfPresent(topology.resolve("core_cpus_list"))
                    .or(() -> SysfsFiles.cpuListIfPresent(topology.resolve("thread_siblings_list")))
                    .map(s -> s.intersect(online))
                    .filter(s -> s.contains(cpu))
                    .orElse(CpuSet.of(cpu));
            final long socket = SysfsFiles.numberIfPresent(topology.resolve("physical_package_id"))
                    .orElse(0);
            final long coreId =
                    SysfsFiles.numberIfPresent(topology.resolve("core_id")).orElse(cpu);
            socketOfCore.putIfAbsent(siblings, (int) Math.max(0, socket));
            coreIdOfCore.putIfAbsent(siblings, (int) Math.max(0, coreId));
        });
        final List<CpuSet> coreSets = new ArrayList<>(socketOfCore.keySet());
        coreSets.sort(Comparator.comparingInt(CpuSet::first));
        final Map<CpuSet, Integer> efficiency = efficiencyClasses(coreSets);
        final List<Core> cores = new ArrayList<>();
        for (final CpuSet set : coreSets) {
            cores.add(new Core(cores.size(), socketOfCore.get(set), coreIdOfCore.get(set), set, efficiency.get(set)));
        }
        return List.copyOf(cores);
    }

    private Map<CpuSet, Integer> efficiencyClasses(final List<CpuSet> coreSets) {
        for (final String file : PERFORMANCE_FILES) {
            final Map<CpuSet, Long> figures = new HashMap<>();
            for (final CpuSet core : coreSets) {
                final OptionalLong figure = SysfsFiles.numberIfPresent(
                        cpuDir.resolve("cpu" + core.first()).resolve(file));
                if (figure.isEmpty()) {
                    break;
                }
                figures.put(core, figure.getAsLong());
            }
            if (figures.size() == coreSets.size()) {
                final List<Long> ranks = new ArrayList<>(new TreeSet<>(figures.values()));
                final Map<CpuSet, Integer> classes = new HashMap<>();
                figures.forEach((core, figure) -> classes.put(core, ranks.indexOf(figure)));
                return classes;
            }
        }
        notes.add("no cpu_capacity or cpufreq figures: every core is efficiency class 0");
        final Map<CpuSet, Integer> classes = new HashMap<>();
        coreSets.forEach(core -> classes.put(core, 0));
        return classes;
    }

    private List<NumaNode> readNumaNodes(final CpuSet online) {
        final Path nodeDir = source.sysfsRoot().resolve("devices/system/node");
        final List<NumaNode> nodes = new ArrayList<>();
        if (Files.isDirectory(nodeDir)) {
            try (Stream<Path> entries = Files.list(nodeDir)) {
                entries.filter(p -> NODE_DIR.matcher(p.getFileName().toString()).matches())
                        .forEach(p -> {
                            final int id =
                                    Integer.parseInt(p.getFileName().toString().substring(4));
                            final CpuSet cpus = SysfsFiles.cpuListIfPresent(p.resolve("cpulist"))
                                    .orElse(CpuSet.empty())
                                    .intersect(online);
                            nodes.add(new NumaNode(id, cpus));
                        });
            } catch (final IOException e) {
                throw new UncheckedIOException("cannot list " + nodeDir, e);
            }
        }
        if (nodes.stream().noneMatch(n -> !n.processors().isEmpty())) {
            notes.add("no NUMA nodes in " + nodeDir + ": every processor is on node 0");
            return List.of(new NumaNode(0, online));
        }
        nodes.sort(Comparator.comparingInt(NumaNode::id));
        return List.copyOf(nodes);
    }

    private static int nodeOf(final List<NumaNode> nodes, final int cpu) {
        return nodes.stream()
                .filter(n -> n.processors().contains(cpu))
                .mapToInt(NumaNode::id)
                .findFirst()
                .orElse(0);
    }

    private CpuSet readAllowed(final CpuSet online) {
        CpuSet allowed = online;
        final Optional<CpuSet> affinity = source.affinity().get();
        if (affinity.isPresent()) {
            allowed = allowed.intersect(affinity.get());
        } else {
            notes.add("process affinity unknown ("
                    + NativeThread.unsupportedReason().orElse("no affinity given for this tree")
                    + "): not intersected");
        }
        final Optional<CpuSet> cpuset = readCgroupCpuset();
        if (cpuset.isPresent()) {
            allowed = allowed.intersect(cpuset.get());
        } else {
            notes.add("no cgroup cpuset found under " + source.cgroupRoot() + ": not intersected");
        }
        return allowed;
    }

    private Optional<CpuSet> readCgroupCpuset() {
        final List<String> lines = SysfsFiles.readIfPresent(source.processCgroup())
                .map(text -> text.lines().toList())
                .orElse(List.of("0::/"));
        Optional<String> v1Path = Optional.empty();
        Optional<String> v2Path = Optional.empty();
        for (final String line : lines) {
            final String[] fields = line.split(":", 3);
            if (fields.length != 3) {
                continue;
            }
            if (List.of(fields[1].split(",")).contains("cpuset")) {
                v1Path = Optional.of(fields[2]);
            } else if (fields[0].equals("0") && fields[1].isEmpty()) {
                v2Path = Optional.of(fields[2]);
            }
        }
        final Path v1Root = source.cgroupRoot().resolve("cpuset");
        if (v1Path.isPresent() && Files.isDirectory(v1Root)) {
            return walkUp(
                    v1Root,
                    v1Path.get(),
                    dir -> SysfsFiles.cpuListIfPresent(dir.resolve("cpuset.effective_cpus"))
                            .or(() -> SysfsFiles.cpuListIfPresent(dir.resolve("cpuset.cpus"))));
        }
        if (v2Path.isPresent() && Files.isRegularFile(source.cgroupRoot().resolve("cgroup.controllers"))) {
            return walkUp(
                    source.cgroupRoot(),
                    v2Path.get(),
                    dir -> SysfsFiles.cpuListIfPresent(dir.resolve("cpuset.cpus.effective")));
        }
        return Optional.empty();
    }

    private static Optional<CpuSet> walkUp(
            final Path root, final String cgroupPath, final Function<Path, Optional<CpuSet>> reader) {
        Path dir = root.resolve(cgroupPath.replaceFirst("^/+", "")).normalize();
        while (dir.startsWith(root)) {
            final Optional<CpuSet> cpus = reader.apply(dir).filter(set -> !set.isEmpty());
            if (cpus.isPresent()) {
                return cpus;
            }
            if (dir.equals(root)) {
                break;
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }
}
