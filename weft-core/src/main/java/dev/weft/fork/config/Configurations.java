package dev.weft.fork.config;

import dev.weft.platform.Core;
import dev.weft.platform.CpuSet;
import dev.weft.platform.NumaNode;
import dev.weft.platform.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The six configurations of GTS's initialisation examples, each planned from a {@link Topology}. Stateless; a
 * topology that allows no processor, or a request the topology cannot meet, gets an {@link IllegalArgumentException}
 * saying why.
 *
 * <p>Common rules: only the processors this process may use count; the thread that starts a configuration is the
 * master of every pool and stands for the first allowed processor, so the pool that holds that processor (the
 * <em>primary</em> pool) owns no worker for it, and every other allowed processor gets exactly one owned worker per
 * pool that covers it, pinned to it. Victim relations always form a DAG.
 */
public final class Configurations {

    /** The nice value of the low-priority pool of {@link #preemptivePriority}. */
    public static final int LOW_PRIORITY_NICE = 10;

    private Configurations() {}

    /**
     * Plans GTS's 1-1 affinity: one pool, one worker pinned to each processor.
     *
     * @param topology the machine
     * @return the plan
     */
    public static ConfigurationPlan oneToOneAffinity(final Topology topology) {
        final CpuSet allowed = allowed(topology);
        return new ConfigurationPlan(
                "1-1 affinity",
                List.of(new PoolPlan(
                        "affinity",
                        pinnedEach(allowed.minus(CpuSet.of(allowed.first()))),
                        OptionalInt.empty(),
                        List.of("affinity"))),
                List.of(),
                List.of("master stands for CPU " + allowed.first() + "; one pinned worker on each of "
                        + allowed.minus(CpuSet.of(allowed.first())).toList()));
    }

    /**
     * Plans two pools over the same processors at two OS priorities: "high" at the master's priority and "low" at
     * nice {@value #LOW_PRIORITY_NICE}, so the OS preempts low-priority tasks for high-priority ones, which GTS's
     * non-preemptive task priorities cannot do.
     *
     * @param topology the machine
     * @return the plan
     */
    public static ConfigurationPlan preemptivePriority(final Topology topology) {
        final CpuSet allowed = allowed(topology);
        return new ConfigurationPlan(
                "preemptive priority",
                List.of(
                        new PoolPlan(
                                "high",
                                pinnedEach(allowed.minus(CpuSet.of(allowed.first()))),
                                OptionalInt.empty(),
                                List.of("high")),
                        new PoolPlan("low", pinnedEach(allowed), OptionalInt.of(LOW_PRIORITY_NICE), List.of("low"))),
                List.of(),
                List.of("high-priority workers at the master's nice value, low-priority workers at nice "
                        + LOW_PRIORITY_NICE + ", both on " + allowed.toList()));
    }

    /**
     * Plans one pool with two isolated schedulers, "A" and "B", each an arena of its own: they share the workers but
     * never each other's tasks.
     *
     * @param topology the machine
     * @return the plan
     */
    public static ConfigurationPlan isolation(final Topology topology) {
        final CpuSet allowed = allowed(topology);
        return new ConfigurationPlan(
                "isolation",
                List.of(new PoolPlan(
                        "shared",
                        pinnedEach(allowed.minus(CpuSet.of(allowed.first()))),
                        OptionalInt.empty(),
                        List.of("A", "B"))),
                List.of(),
                List.of("schedulers A and B share the workers but never each other's tasks"));
    }

    /**
     * Plans an update-loop pool and a long-task pool on disjoint processors: "update" on the master's side (for a
     * frame loop) and "long" for multi-frame tasks; "long" victimises "update" when it runs dry, never the reverse.
     *
     * @param topology the machine
     * @param updateCpus how many allowed processors the update pool gets (the master's included), at least 1 and
     *     fewer than the allowed processors
     * @return the plan
     * @throws IllegalArgumentException if the split leaves either side without a processor
     */
    public static ConfigurationPlan partition(final Topology topology, final int updateCpus) {
        final CpuSet allowed = allowed(topology);
        if (updateCpus < 1 || updateCpus >= allowed.size()) {
            throw new IllegalArgumentException("a partition of the " + allowed.size() + " allowed CPUs ("
                    + allowed.toList() + ") needs an update share in [1, " + (allowed.size() - 1) + "], not "
                    + updateCpus);
        }
        final int[] cpus = allowed.toArray();
        final CpuSet update = CpuSet.of(java.util.Arrays.copyOfRange(cpus, 0, updateCpus));
        final CpuSet longer = allowed.minus(update);
        return new ConfigurationPlan(
                "partitioning",
                List.of(
                        new PoolPlan(
                                "update",
                                pinnedEach(update.minus(CpuSet.of(update.first()))),
                                OptionalInt.empty(),
                                List.of("update")),
                        new PoolPlan("long", pinnedEach(longer), OptionalInt.empty(), List.of("long"))),
                List.of(new VictimEdge("long", "update")),
                List.of("update loop on " + update.toList() + " (with the master), long tasks on " + longer.toList()
                        + "; long victimises update, never the reverse"));
    }

    /**
     * Plans one pool and scheduler per NUMA node, pinned to the node, plus a "machine" scheduler on the primary pool
     * for top-level work; every node victimises "machine", so tasks stay on their node and only top-level work
     * crosses nodes. GTS lets node schedulers victimise each other; weft rejects such cycles, so the hierarchy is a
     * tree.
     *
     * @param topology the machine
     * @return the plan
     */
    public static ConfigurationPlan numaHierarchy(final Topology topology) {
        final CpuSet allowed = allowed(topology);
        final int master = allowed.first();
        final List<PoolPlan> pools = new ArrayList<>();
        final List<VictimEdge> edges = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        for (final NumaNode node : topology.numaNodes()) {
            final CpuSet cpus = node.processors().intersect(allowed);
            if (cpus.isEmpty()) {
                continue;
            }
            final String name = "node" + node.id();
            final boolean primary = cpus.contains(master);
            final List<String> schedulers = primary ? List.of(name, "machine") : List.of(name);
            final PoolPlan pool = new PoolPlan(
                    name, pinnedEach(primary ? cpus.minus(CpuSet.of(master)) : cpus), OptionalInt.empty(), schedulers);
            if (primary) {
                pools.addFirst(pool);
            } else {
                pools.add(pool);
            }
            edges.add(new VictimEdge(name, "machine"));
            notes.add(name + " on " + cpus.toList() + (primary ? " (with the master and the machine scheduler)" : ""));
        }
        if (pools.size() == 1) {
            notes.add("one NUMA node: the hierarchy has a single level");
        }
        return new ConfigurationPlan("NUMA hierarchy", pools, edges, notes);
    }

    /**
     * Plans one pool per efficiency class; a class victimises every less efficient class, one way, so demanding work
     * never moves down to slow cores.
     *
     * @param topology the machine
     * @return the plan
     */
    public static ConfigurationPlan efficiencyHierarchy(final Topology topology) {
        final CpuSet allowed = allowed(topology);
        final int master = allowed.first();
        final Map<Integer, CpuSet.Builder> byClass = new TreeMap<>(java.util.Comparator.reverseOrder());
        for (final Core core : topology.cores()) {
            final CpuSet cpus = core.processors().intersect(allowed);
            if (!cpus.isEmpty()) {
                byClass.computeIfAbsent(core.efficiencyClass(), k -> new CpuSet.Builder())
                        .addAll(cpus);
            }
        }
        final List<PoolPlan> pools = new ArrayList<>();
        final List<VictimEdge> edges = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<String> done = new ArrayList<>();
        byClass.forEach((efficiency, builder) -> {
            final CpuSet cpus = builder.build();
            final String name = "class" + efficiency;
            final boolean primary = cpus.contains(master);
            final PoolPlan pool = new PoolPlan(
                    name,
                    pinnedEach(primary ? cpus.minus(CpuSet.of(master)) : cpus),
                    OptionalInt.empty(),
                    List.of(name));
            if (primary) {
                pools.addFirst(pool);
            } else {
                pools.add(pool);
            }
            for (final String faster : done) {
                edges.add(new VictimEdge(faster, name));
            }
            done.add(name);
            notes.add(name + " on " + cpus.toList());
        });
        if (pools.size() == 1) {
            notes.add("one efficiency class: no victimisation between classes");
        }
        return new ConfigurationPlan("heterogeneous hierarchy", pools, edges, notes);
    }

    private static CpuSet allowed(final Topology topology) {
        final CpuSet allowed = topology.allowed();
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("the topology allows no CPU; there is nothing to place workers on");
        }
        return allowed;
    }

    private static List<CpuSet> pinnedEach(final CpuSet cpus) {
        return cpus.stream().mapToObj(CpuSet::of).toList();
    }
}
