package dev.weft.cli.run;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import dev.weft.rpc.methods.ProcStat;
import dev.weft.rpc.methods.SchedulerMethods;
import dev.weft.rpc.methods.SpdkMethods;
import dev.weft.rpc.methods.WeftMethods;
import dev.weft.rpc.methods.WeftRuntime;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The JSON-RPC control plane of a running weft, as {@code weft run} and {@code weft demo} serve it: a registry with
 * SPDK's methods, the scheduler methods over a balancing round and weft's own methods, served on an owner-only UNIX
 * socket. Served over a running round, it is initialized at once; served to wait for RPC (SPDK's
 * {@code --wait-for-rpc}), it answers the start-up methods until {@code framework_start_init} starts the round,
 * then marks the runtime initialized. Thread-safe; {@link #close()} stops serving and deletes the socket file.
 */
public final class ControlPlane implements AutoCloseable {

    /*
     * Implementation overview. The registry starts in STARTUP, the method sets are registered (SPDK's, the
     * scheduler's, weft's, in the order rpc_get_methods lists them), the server starts (a live socket at the path is
     * refused), and only then is the state moved to RUNTIME and framework_wait_init released, so no client sees a
     * runtime method before the runtime is served. framework_get_reactors reports core_freq from the governor the
     * round has installed now, read at each request.
     */

    private final JsonRpcServer server;
    private final SchedulerMethods scheduler;

    private ControlPlane(final JsonRpcServer server, final SchedulerMethods scheduler) {
        this.server = server;
        this.scheduler = scheduler;
    }

    /**
     * Serves a runtime whose balancing round already runs.
     *
     * @param server the server's configuration (socket path, thread setup, limits)
     * @param runtime what weft's methods describe; its group is the one SPDK's methods describe
     * @param round the running round
     * @param version the version {@code spdk_get_version} reports
     * @param unableToServe called once if the server gives up (see {@link JsonRpcServer})
     * @return the serving control plane
     */
    public static ControlPlane serve(
            final RpcServerConfig server,
            final WeftRuntime runtime,
            final BalancingRound round,
            final String version,
            final Consumer<Throwable> unableToServe) {
        Objects.requireNonNull(round, "round");
        return start(
                server,
                runtime,
                version,
                unableToServe,
                registry -> SchedulerMethods.register(registry, runtime.group(), round),
                true,
                new AtomicReference<>());
    }

    /**
     * Serves a runtime in the start-up state: {@code framework_start_init} calls the starter with the configuration
     * the start-up calls left, then marks the runtime initialized.
     *
     * @param server the server's configuration
     * @param runtime what weft's methods describe
     * @param balancing the round's configuration before any start-up call
     * @param starter starts the round (and whatever starts with it) and returns it
     * @param version the version {@code spdk_get_version} reports
     * @param unableToServe called once if the server gives up
     * @return the serving control plane
     */
    public static ControlPlane serveAtStartup(
            final RpcServerConfig server,
            final WeftRuntime runtime,
            final BalancingConfig balancing,
            final Function<BalancingConfig, BalancingRound> starter,
            final String version,
            final Consumer<Throwable> unableToServe) {
        final AtomicReference<SpdkMethods> spdk = new AtomicReference<>();
        return start(
                server,
                runtime,
                version,
                unableToServe,
                registry -> SchedulerMethods.register(registry, runtime.group(), balancing, config -> {
                    final BalancingRound round = starter.apply(config);
                    spdk.get().initialized();
                    return round;
                }),
                false,
                spdk);
    }

    private static ControlPlane start(
            final RpcServerConfig server,
            final WeftRuntime runtime,
            final String version,
            final Consumer<Throwable> unableToServe,
            final Function<RpcRegistry, SchedulerMethods> schedulerMethods,
            final boolean initialized,
            final AtomicReference<SpdkMethods> spdk) {
        final RpcRegistry registry = new RpcRegistry(RpcState.STARTUP);
        final AtomicReference<SchedulerMethods> scheduler = new AtomicReference<>();
        spdk.set(SpdkMethods.register(
                registry,
                runtime.group(),
                version,
                ProcStat.PROC_STAT,
                () -> scheduler.get().round().flatMap(BalancingRound::governor)));
        scheduler.set(schedulerMethods.apply(registry));
        WeftMethods.register(registry, runtime);
        final JsonRpcServer started = JsonRpcServer.start(server, registry, unableToServe);
        if (initialized) {
            registry.state(RpcState.RUNTIME);
            spdk.get().initialized();
        }
        return new ControlPlane(started, scheduler.get());
    }

    /**
     * Returns the balancing round, once it runs.
     *
     * @return the round, or empty before {@code framework_start_init}
     */
    public Optional<BalancingRound> round() {
        return scheduler.round();
    }

    /**
     * Returns the socket's path.
     *
     * @return the path
     */
    public Path socketPath() {
        return server.socketPath();
    }

    /**
     * Returns how many requests the server has answered.
     *
     * @return the count
     */
    public long requestCount() {
        return server.requestCount();
    }

    /** Stops serving and deletes the socket file; idempotent. */
    @Override
    public void close() {
        server.close();
    }
}
