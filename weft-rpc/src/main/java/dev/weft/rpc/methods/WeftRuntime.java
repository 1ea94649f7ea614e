package dev.weft.rpc.methods;

import dev.weft.fork.WorkerPool;
import dev.weft.platform.Topology;
import dev.weft.process.ProcessScheduler;
import dev.weft.reactor.ReactorGroup;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a running weft that the control plane describes: the reactor group, the machine's topology, the
 * micro-scheduler pools, the process scheduler if there is one, and the logs that collect failures and outcomes.
 *
 * @param group the reactor group
 * @param topology the machine's topology
 * @param pools the worker pools whose micro-schedulers are reported, possibly none
 * @param processes the process scheduler, if any
 * @param failures the listener the group reports failures and watchdog reports to
 * @param outcomes the handler the process scheduler reports outcomes through, if any
 */
public record WeftRuntime(
        ReactorGroup group,
        Topology topology,
        List<WorkerPool> pools,
        Optional<ProcessScheduler> processes,
        FailureLog failures,
        Optional<OutcomeLog> outcomes) {

    /**
     * Checks and copies the components.
     *
     * @param group the reactor group
     * @param topology the machine's topology
     * @param pools the worker pools
     * @param processes the process scheduler, if any
     * @param failures the failure log
     * @param outcomes the outcome log, if any
     */
    public WeftRuntime {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(topology, "topology");
        pools = List.copyOf(pools);
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(outcomes, "outcomes");
    }
}
