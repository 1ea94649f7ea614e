package dev.weft.fork.config;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.MicroSchedulerConfig;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerPoolConfig;
import dev.weft.platform.ThreadConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A set of worker pools, schedulers and victim relations decided from a machine's topology, before any thread starts:
 * the form in which each of GTS's configurations ({@link Configurations}) is tested against fixture topologies
 * of machines bigger than the one the tests run on, and then {@link #start() started} on the real one.
 *
 * @param name the configuration's name
 * @param pools the pools, in creation order; the first one's master is the thread that starts the configuration
 * @param victims the victim relations, which must form a DAG
 * @param notes what the planner decided and why, for people reading the output of an example
 */
public record ConfigurationPlan(String name, List<PoolPlan> pools, List<VictimEdge> victims, List<String> notes) {

    /**
     * Checks and copies the plan.
     *
     * @throws IllegalArgumentException if there is no pool, or two schedulers share a name, or an edge names an
     *     unknown scheduler
     */
    public ConfigurationPlan {
        pools = List.copyOf(pools);
        victims = List.copyOf(victims);
        notes = List.copyOf(notes);
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("configuration '" + name + "' has no pool");
        }
        final List<String> names = new ArrayList<>();
        for (final PoolPlan pool : pools) {
            for (final String scheduler : pool.schedulers()) {
                if (names.contains(scheduler)) {
                    throw new IllegalArgumentException(
                            "configuration '" + name + "' has two schedulers named '" + scheduler + "'");
                }
                names.add(scheduler);
            }
        }
        for (final VictimEdge edge : victims) {
            if (!names.contains(edge.thief()) || !names.contains(edge.victim())) {
                throw new IllegalArgumentException("configuration '" + name + "' has the victim edge " + edge
                        + " naming a scheduler it does not have (" + names + ")");
            }
        }
    }

    /**
     * Starts the configuration: one pool per pool plan, with the calling thread as every pool's master and each owned
     * worker pinned and prioritised as planned; the schedulers; and the victim relations.
     *
     * @return the running configuration
     * @throws dev.weft.platform.ThreadPlacementException if the kernel refuses a pinning or priority; the pools
     *     already started are shut down first
     */
    public Configuration start() {
        final List<WorkerPool> started = new ArrayList<>();
        final Map<String, MicroScheduler> schedulers = new LinkedHashMap<>();
        try {
            for (final PoolPlan plan : pools) {
                final WorkerPoolConfig.Builder desc = WorkerPoolConfig.builder(plan.name(), plan.workerCount());
                for (int i = 0; i < plan.ownedCpus().size(); i++) {
                    final ThreadConfig.Builder spec = ThreadConfig.builder(plan.name() + "-worker-" + (i + 1))
                            .affinity(plan.ownedCpus().get(i));
                    plan.nice().ifPresent(spec::nice);
                    desc.worker(i + 1, spec.build());
                }
                final WorkerPool pool = WorkerPool.start(desc.build());
                started.add(pool);
                for (final String scheduler : plan.schedulers()) {
                    schedulers.put(
                            scheduler,
                            MicroScheduler.start(MicroSchedulerConfig.builder(pool)
                                    .name(scheduler)
                                    .build()));
                }
            }
            for (final VictimEdge edge : victims) {
                schedulers.get(edge.thief()).addExternalVictim(schedulers.get(edge.victim()));
            }
        } catch (final RuntimeException e) {
            started.forEach(WorkerPool::shutdown);
            throw e;
        }
        return new Configuration(this, started, schedulers);
    }
}
