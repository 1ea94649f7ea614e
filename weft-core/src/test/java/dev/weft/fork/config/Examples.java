package dev.weft.fork.config;

import dev.weft.fork.Forked;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.TaskContext;
import dev.weft.fork.WorkerPool;
import dev.weft.platform.Topology;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Runs GTS's six configurations on this machine: {@code java dev.weft.fork.config.Examples [NAME...]}, where NAME
 * is {@code affinity}, {@code priority}, {@code isolation}, {@code partition}, {@code numa} or {@code heterogeneous}
 * (all six when none is given). Each example plans the configuration from the live topology, prints the plan, starts
 * it, computes fib(24) by fork/join on every scheduler (checking the answer), prints which workers ran the work, and
 * shuts it down.
 */
public final class Examples {

    /** The names of the examples, in GTS's order. */
    public static final List<String> NAMES =
            List.of("affinity", "priority", "isolation", "partition", "numa", "heterogeneous");

    private static final int FIB_N = 24;
    private static final long FIB_24 = 46368;

    private Examples() {}

    /**
     * Runs the named examples.
     *
     * @param args example names; none means all
     */
    public static void main(final String[] args) {
        final Topology topology = Topology.read();
        for (final String name : args.length == 0 ? NAMES : List.of(args)) {
            run(plan(name, topology), System.out);
        }
    }

    /**
     * Plans an example by name.
     *
     * @param name one of {@link #NAMES}
     * @param topology the machine
     * @return the plan
     * @throws IllegalArgumentException naming the known examples if the name is unknown
     */
    public static ConfigurationPlan plan(final String name, final Topology topology) {
        return switch (name) {
            case "affinity" -> Configurations.oneToOneAffinity(topology);
            case "priority" -> Configurations.preemptivePriority(topology);
            case "isolation" -> Configurations.isolation(topology);
            case "partition" ->
                Configurations.partition(
                        topology, Math.max(1, topology.allowed().size() / 2));
            case "numa" -> Configurations.numaHierarchy(topology);
            case "heterogeneous" -> Configurations.efficiencyHierarchy(topology);
            default -> throw new IllegalArgumentException("unknown example '" + name + "'; the examples are " + NAMES);
        };
    }

    /**
     * Starts a plan, runs fib by fork/join on each of its schedulers, prints what happened and shuts it down.
     *
     * @param plan the configuration
     * @param out where to print
     * @return the number of schedulers that computed the right answer (all of them, or an exception is thrown)
     * @throws IllegalStateException if a scheduler computed a wrong answer
     */
    public static int run(final ConfigurationPlan plan, final PrintStream out) {
        out.println("== " + plan.name());
        plan.notes().forEach(note -> out.println("   " + note));
        int verified = 0;
        try (Configuration configuration = plan.start()) {
            for (final WorkerPool pool : configuration.pools()) {
                for (final MicroScheduler scheduler : pool.microSchedulers()) {
                    final long start = System.nanoTime();
                    final long value = scheduler.invoke(context -> fib(context, FIB_N));
                    if (value != FIB_24) {
                        throw new IllegalStateException(
                                "scheduler '" + scheduler.name() + "' computed fib(" + FIB_N + ") = " + value);
                    }
                    verified++;
                    out.printf(
                            Locale.ROOT,
                            "   scheduler %-8s on pool %-8s (%d workers): fib(%d) = %d in %.2f ms%n",
                            scheduler.name(),
                            pool.name(),
                            pool.workerCount(),
                            FIB_N,
                            value,
                            (System.nanoTime() - start) / 1e6);
                }
            }
            plan.victims().forEach(edge -> out.println("   " + edge.thief() + " steals from " + edge.victim()));
        }
        return verified;
    }

    private static long fib(final TaskContext context, final int n) {
        if (n < 2) {
            return n;
        }
        final Forked<Long> left = context.fork(c -> fib(c, n - 1));
        final long right = fib(context, n - 2);
        return left.join(context) + right;
    }
}
