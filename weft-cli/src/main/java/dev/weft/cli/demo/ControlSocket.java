package dev.weft.cli.demo;

import dev.weft.balance.BalancingRound;
import dev.weft.cli.run.ControlPlane;
import dev.weft.platform.NativeThread;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.Topology;
import dev.weft.process.ProcessScheduler;
import dev.weft.reactor.ReactorGroup;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.methods.FailureLog;
import dev.weft.rpc.methods.WeftRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * weft's control socket during the demo: the JSON-RPC server of {@code weft run}, with SPDK's methods
 * ({@code framework_get_reactors}, {@code thread_get_stats}, ...), the scheduler methods over the media group's
 * balancing round, and weft's own methods, so that {@code weft top} or {@code weft rpc} in another terminal can
 * watch the media reactors while strands move and reactors park.
 *
 * <p>It is the {@link ControlPlane} of {@code weft run}, served over the media group's running round.
 * {@link #close()} closes the server, which deletes the socket file.
 *
 * <p>When the media and sink reactors run in a real-time class, the server's threads (accept, connections, idle
 * watchdog) take the same class one priority lower ({@link #servingClass}): on cores those reactors share with the
 * demo's fair-class workloads, a fair-class server thread waited seconds for a slice, while a real-time one runs as
 * soon as no reactor is due. Without {@code CAP_SYS_NICE} the change fails, is logged once, and the threads stay fair.
 */
final class ControlSocket implements AutoCloseable {

    private final ControlPlane control;

    private ControlSocket(final ControlPlane control) {
        this.control = control;
    }

    /**
     * Serves a running group on a socket.
     *
     * @param socket the UNIX socket's path
     * @param group the group the SPDK and weft methods describe (the balanced media group)
     * @param round its started balancing round
     * @param processes the demo's process scheduler, reported by {@code weft_get_processes}
     * @param failures the listener the group was built with
     * @param version the version {@code spdk_get_version} reports
     * @return the serving socket
     * @throws RuntimeException from the server if the path holds a live socket or cannot be bound
     */
    static ControlSocket start(
            final Path socket,
            final ReactorGroup group,
            final BalancingRound round,
            final Optional<ProcessScheduler> processes,
            final FailureLog failures,
            final String version,
            final SchedulingPolicy reactors) {
        final SchedulingPolicy serving = servingClass(reactors);
        final RpcServerConfig server = RpcServerConfig.defaults(socket).withThreadSetup(() -> {
            if (serving.isRealtime()) {
                NativeThread.setSchedulingPolicy(serving);
            }
        });
        final ControlPlane control = ControlPlane.serve(
                server,
                new WeftRuntime(group, Topology.read(), List.of(), processes, failures, Optional.empty()),
                round,
                version,
                failure -> {});
        return new ControlSocket(control);
    }

    /**
     * Returns the scheduling class of the server's threads for reactors of a class: a real-time class one priority
     * below the reactors' (so a reactor due to run always preempts them, and they preempt every fair thread), or
     * unchanged when the reactors are fair.
     *
     * @param reactors the media and sink reactors' class
     * @return the class for the server's threads
     */
    static SchedulingPolicy servingClass(final SchedulingPolicy reactors) {
        if (!reactors.isRealtime()) {
            return SchedulingPolicy.fair();
        }
        final int priority = Math.max(SchedulingPolicy.MIN_REALTIME_PRIORITY, reactors.priority() - 1);
        return reactors.kind() == SchedulingPolicy.Kind.ROUND_ROBIN
                ? SchedulingPolicy.roundRobin(priority)
                : SchedulingPolicy.fifo(priority);
    }

    /**
     * Returns the socket's path.
     *
     * @return the path
     */
    Path path() {
        return control.socketPath();
    }

    /**
     * Returns how many requests the socket has answered.
     *
     * @return the count
     */
    long requests() {
        return control.requestCount();
    }

    /** Stops serving and deletes the socket file. */
    @Override
    public void close() {
        control.close();
    }
}
