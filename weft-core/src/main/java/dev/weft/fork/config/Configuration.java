package dev.weft.fork.config;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A started {@link ConfigurationPlan}: its pools and schedulers, looked up by name. Closing it shuts the pools down
 * in reverse order of creation, which shuts their schedulers down and joins every worker thread.
 */
public final class Configuration implements AutoCloseable {

    private final ConfigurationPlan plan;
    private final List<WorkerPool> pools;
    private final Map<String, MicroScheduler> schedulers;

    Configuration(
            final ConfigurationPlan plan, final List<WorkerPool> pools, final Map<String, MicroScheduler> schedulers) {
        this.plan = plan;
        this.pools = List.copyOf(pools);
        this.schedulers = Map.copyOf(schedulers);
    }

    /**
     * Returns the plan this configuration was started from.
     *
     * @return the plan
     */
    public ConfigurationPlan plan() {
        return plan;
    }

    /**
     * Returns the pools, in the plan's order.
     *
     * @return the pools
     */
    public List<WorkerPool> pools() {
        return pools;
    }

    /**
     * Returns a scheduler by name.
     *
     * @param name the scheduler's name in the plan
     * @return the scheduler
     * @throws NoSuchElementException naming the known schedulers if there is none of that name
     */
    public MicroScheduler scheduler(final String name) {
        final MicroScheduler scheduler = schedulers.get(name);
        if (scheduler == null) {
            throw new NoSuchElementException("configuration '" + plan.name() + "' has no scheduler '" + name
                    + "'; it has " + schedulers.keySet());
        }
        return scheduler;
    }

    /** Shuts every pool down, the last created first. */
    @Override
    public void close() {
        final List<WorkerPool> reversed = new ArrayList<>(pools);
        Collections.reverse(reversed);
        reversed.forEach(WorkerPool::shutdown);
    }
}
