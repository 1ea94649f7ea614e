package dev.weft.fork.config;

import dev.weft.platform.CpuSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One worker pool of a {@link ConfigurationPlan}: its name, the processor each owned worker is pinned to, the OS
 * priority (nice value) of those workers, and the schedulers attached to it.
 *
 * <p>Worker 0 of every pool is the master, the thread that starts the configuration, which the pool does not own; the
 * owned workers are 1..n, pinned in the order of {@link #ownedCpus()}.
 *
 * @param name the pool's name
 * @param ownedCpus the processors of the owned workers, one set each
 * @param nice the nice value of the owned workers, or empty to inherit the master's
 * @param schedulers the names of the schedulers attached to this pool, at least one
 */
public record PoolPlan(String name, List<CpuSet> ownedCpus, OptionalInt nice, List<String> schedulers) {

    /**
     * Checks and copies the plan.
     *
     * @throws IllegalArgumentException if the name is blank or there is no scheduler
     */
    public PoolPlan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a pool plan's name must not be blank");
        }
        ownedCpus = List.copyOf(ownedCpus);
        Objects.requireNonNull(nice, "nice");
        schedulers = List.copyOf(schedulers);
        if (schedulers.isEmpty()) {
            throw new IllegalArgumentException("pool plan '" + name + "' has no scheduler");
        }
    }

    /**
     * Returns the number of workers the pool will have, the master included.
     *
     * @return {@code ownedCpus().size() + 1}
     */
    public int workerCount() {
        return ownedCpus.size() + 1;
    }
}
