package dev.weft.platform;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The processors of a machine and how they are grouped: cores (SMT siblings), sockets, NUMA nodes, efficiency
 * classes, and which processors this process may use and which the kernel isolated.
 *
 * <p>This is GTS's {@code SystemTopology} for Linux: Linux has a single processor group, so
 * {@link #processorGroupCount()} is 1. Read it with {@link #read()} for this machine, or with
 * {@link #read(TopologySource)} for a tree that describes another (tests use fixture trees of bigger machines).
 * A topology is immutable; it is a snapshot of the machine when it was read.
 */
public final class Topology {

    private final List<Processor> processors;
    private final List<Core> cores;
    private final List<Socket> sockets;
    private final List<NumaNode> numaNodes;
    private final CpuSet online;
    private final CpuSet allowed;
    private final CpuSet isolated;
    private final List<String> notes;

    Topology(
            final List<Processor> processors,
            final List<Core> cores,
            final List<Socket> sockets,
            final List<NumaNode> numaNodes,
            final CpuSet online,
            final CpuSet allowed,
            final CpuSet isolated,
            final List<String> notes) {
        this.processors = List.copyOf(processors);
        this.cores = List.copyOf(cores);
        this.sockets = List.copyOf(sockets);
        this.numaNodes = List.copyOf(numaNodes);
        this.online = online;
        this.allowed = allowed;
        this.isolated = isolated;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads the topology of the machine this JVM runs on.
     *
     * @return the live topology
     */
    public static Topology read() {
        return read(TopologySource.live());
    }

    /**
     * Reads the topology described by a source.
     *
     * @param source where to read sysfs, cgroups and affinity from
     * @return the topology
     * @throws IllegalArgumentException if the tree has no processors or holds malformed files (the message names
     *     the file)
     */
    public static Topology read(final TopologySource source) {
        return new SysfsTopologyReader(Objects.requireNonNull(source, "source")).read();
    }

    /**
     * Returns the online logical processors, by increasing id.
     *
     * @return the processors
     */
    public List<Processor> processors() {
        return processors;
    }

    /**
     * Returns the processor with the given id.
     *
     * @param id a processor id
     * @return the processor
     * @throws NoSuchElementException if no online processor has that id
     */
    public Processor processor(final int id) {
        return processors.stream()
                .filter(p -> p.id() == id)
                .findFirst()
                .orElseThrow(() ->
                        new NoSuchElementException("no online processor " + id + "; online are " + online.toList()));
    }

    /**
     * Returns the physical cores, ordered by their lowest processor id.
     *
     * @return the cores
     */
    public List<Core> cores() {
        return cores;
    }

    /**
     * Returns the sockets, by increasing id.
     *
     * @return the sockets
     */
    public List<Socket> sockets() {
        return sockets;
    }

    /**
     * Returns the NUMA nodes, by increasing id; a machine without NUMA has one node 0.
     *
     * @return the nodes
     */
    public List<NumaNode> numaNodes() {
        return numaNodes;
    }

    /**
     * Returns the number of processor groups: always 1 on Linux (GTS's {@code ProcessorGroupInfo} exists for
     * Windows, whose groups hold at most 64 processors).
     *
     * @return 1
     */
    public int processorGroupCount() {
        return 1;
    }

    /**
     * Returns the number of distinct efficiency classes.
     *
     * @return at least 1
     */
    public int efficiencyClassCount() {
        return cores.stream().mapToInt(Core::efficiencyClass).max().orElse(0) + 1;
    }

    /**
     * Returns the online processors.
     *
     * @return the online set
     */
    public CpuSet online() {
        return online;
    }

    /**
     * Returns the processors this process may run on: online ∩ affinity ∩ cgroup cpuset.
     *
     * @return the allowed set
     */
    public CpuSet allowed() {
        return allowed;
    }

    /**
     * Returns the processors the kernel isolated from its scheduler.
     *
     * @return the isolated set, often empty
     */
    public CpuSet isolated() {
        return isolated;
    }

    /**
     * Returns what could not be read and was assumed instead, one line each (for example an unknown affinity).
     *
     * @return the notes, empty when everything was read
     */
    public List<String> notes() {
        return notes;
    }
}
