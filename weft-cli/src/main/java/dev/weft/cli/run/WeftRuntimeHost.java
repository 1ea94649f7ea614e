package dev.weft.cli.run;

import dev.weft.balance.Balancers;
import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.CpufreqGovernor;
import dev.weft.balance.GovernorProvider;
import dev.weft.balance.SimulatedGovernor;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.platform.CpuSet;
import dev.weft.platform.Topology;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessSchedulerTasklet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorGroupBuilder;
import dev.weft.reactor.ReactorListener;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandBuilder;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.methods.FailureLog;
import dev.weft.rpc.methods.OutcomeLog;
import dev.weft.rpc.methods.WeftRuntime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A whole weft runtime started from a {@link RunConfig} and served on a JSON-RPC socket: what {@code weft run} holds
 * between start and signal.
 *
 * <p><b>Start order</b>: the reactor group, the micro-scheduler pool, the process scheduler (its {@code run()} is
 * driven by a {@link ProcessSchedulerTasklet} on a strand of its own, whose event signal ends the reactor's sleep
 * when a result arrives), the configured strands with one instance of each tasklet class, the balancing round with
 * its balancer, options and governor (a bad option stops the start, naming {@code balancer.options}), then the RPC
 * server, and only then is the runtime marked initialized ({@code framework_wait_init} answers). Started to wait for
 * RPC, the host stops before the round: the server answers start-up methods until {@code framework_start_init}
 * starts the round and marks the runtime initialized. weft-core commits the round's moves and mode switches to
 * Flight Recorder with the cause {@code balancer <name>}. <b>Stop order</b>
 * is the reverse and leaves nothing behind: the status line stops, the server closes (deleting its socket file), the
 * balancing round stops (closing its governor), the strands are closed (the process strand first, so nothing calls
 * {@code run()} any more), the process scheduler stops (cancelling its tasks, SIGTERM then SIGKILL to every child,
 * all reaped), then the reactor group and the pool.
 */
public final class WeftRuntimeHost implements AutoCloseable {

    private static final long STEP_TIMEOUT_SECONDS = 10;
    private static final List<Long> SIMULATED_STEPS_KHZ = List.of(3_000_000L, 2_400_000L, 1_800_000L, 1_200_000L);

    private final RunConfig config;
    private final ReactorGroup group;
    private final WorkerPool pool;
    private final ProcessParts processes;
    private final List<Strand> strands = new ArrayList<>();
    private final FailureLog failures;
    private final ControlPlane control;
    private final Thread status;
    private volatile BalancingRound round;
    private boolean closed;

    /** The process scheduler, the strand whose tasklet drives it, and the log of its outcomes; all null if none. */
    private record ProcessParts(ProcessScheduler scheduler, Strand strand, OutcomeLog outcomes) {}

    private WeftRuntimeHost(
            final RunConfig config,
            final Path socket,
            final String version,
            final PrintWriter out,
            final boolean waitForRpc,
            final Consumer<Throwable> unableToServe,
            final Deque<Runnable> undo)
            throws Exception {
        this.config = config;
        this.failures = new FailureLog(64, ReactorListener.logging());
        this.group = startGroup(config, failures, undo);
        this.pool = startPool(config, undo);
        this.processes = startProcesses(config, group, undo);
        addStrands(undo);
        final BalancingConfig balancing = balancingConfig(config.balancer(), group);
        undo.push(() -> {
            final BalancingRound started = round;
            if (started != null) {
                started.close();
            }
        });
        final WeftRuntime runtime = new WeftRuntime(
                group,
                Topology.read(),
                pool == null ? List.of() : List.of(pool),
                Optional.ofNullable(processes.scheduler()),
                failures,
                Optional.ofNullable(processes.outcomes()));
        final RpcServerConfig server = RpcServerConfig.defaults(socket);
        control = waitForRpc
                ? ControlPlane.serveAtStartup(server, runtime, balancing, this::startRound, version, unableToServe)
                : ControlPlane.serve(server, runtime, startRound(balancing), version, unableToServe);
        status = Thread.ofPlatform().daemon().name("weft-status").start(() -> printStatus(out));
    }

    private static ReactorGroup startGroup(
            final RunConfig config, final FailureLog failures, final Deque<Runnable> undo) {
        final ReactorGroupBuilder builder = ReactorGroup.builder()
                .name("weft")
                .mode(config.mode())
                .listener(failures)
                .watchdog(config.watchdog());
        config.reactorCount().ifPresent(builder::reactors);
        builder.pinned(config.pinned());
        final ReactorGroup started = builder.build().start();
        undo.push(started::close);
        return started;
    }

    private static WorkerPool startPool(final RunConfig config, final Deque<Runnable> undo) {
        if (config.poolWorkers().isEmpty()) {
            return null;
        }
        final WorkerPool started = WorkerPool.start(config.poolWorkers().getAsInt());
        undo.push(started::close);
        MicroScheduler.start(started);
        return started;
    }

    private static ProcessParts startProcesses(
            final RunConfig config, final ReactorGroup group, final Deque<Runnable> undo) throws Exception {
        if (config.processWorkers().isEmpty()) {
            return new ProcessParts(null, null, null);
        }
        final OutcomeLog outcomes = new OutcomeLog(64, outcome -> {});
        final ProcessSchedulerTasklet tasklet = ProcessSchedulerTasklet.of(
                "process-scheduler",
                ProcessScheduler.builder()
                        .workers(config.processWorkers().getAsInt())
                        .fallbackHandler(outcomes));
        final ProcessScheduler scheduler = tasklet.scheduler();
        scheduler.start();
        undo.push(scheduler::stop);
        final Strand strand = Strand.builder("process-scheduler").weight(0).build();
        undo.push(() -> awaitQuietly(strand.close()));
        await(group.add(strand));
        await(tasklet.attachTo(strand));
        return new ProcessParts(scheduler, strand, outcomes);
    }

    private void addStrands(final Deque<Runnable> undo) throws Exception {
        for (final RunConfig.StrandConfig spec : config.strands()) {
            final StrandBuilder strandBuilder = Strand.builder(spec.name()).weight(spec.weight());
            spec.cpuMask().ifPresent(strandBuilder::cpuMask);
            final Strand strand = strandBuilder.build();
            undo.push(() -> awaitQuietly(strand.close()));
            if (spec.reactor().isPresent()) {
                final int index = spec.reactor().getAsInt();
                if (index >= group.reactors().size()) {
                    throw new ConfigException(
                            "strands[" + config.strands().indexOf(spec) + "].reactor",
                            "reactor " + index + " does not exist; there are "
                                    + group.reactors().size());
                }
                await(group.add(strand, group.reactor(index)));
            } else {
                await(group.add(strand));
            }
            strands.add(strand);
            for (final Class<? extends Tasklet> type : spec.tasklets()) {
                await(strand.add(type.getConstructor().newInstance()));
            }
        }
    }

    /**
     * Starts a runtime and serves it.
     *
     * @param config what to start
     * @param socket the RPC socket path
     * @param version the version {@code spdk_get_version} reports
     * @param out where status lines go
     * @return the running host
     * @throws Exception if any part fails to start (the parts started so far are stopped first)
     */
    public static WeftRuntimeHost start(
            final RunConfig config, final Path socket, final String version, final PrintWriter out) throws Exception {
        return start(config, socket, version, out, false);
    }

    /**
     * Starts a runtime and serves it, optionally stopping in the start-up state as SPDK's {@code --wait-for-rpc}
     * does: then only start-up methods answer ({@code scheduler_set_options}, {@code framework_start_init} and the
     * methods allowed in both states), and {@code framework_start_init} starts the balancing round with the
     * configured balancer and moves the server to the runtime state.
     *
     * @param config what to start
     * @param socket the RPC socket path
     * @param version the version {@code spdk_get_version} reports
     * @param out where status lines go
     * @param waitForRpc whether to wait for {@code framework_start_init} before the balancing round starts
     * @return the running host
     * @throws Exception if any part fails to start (the parts started so far are stopped first)
     */
    public static WeftRuntimeHost start(
            final RunConfig config,
            final Path socket,
            final String version,
            final PrintWriter out,
            final boolean waitForRpc)
            throws Exception {
        return start(config, socket, version, out, waitForRpc, failure -> {});
    }

    /**
     * Starts a runtime and serves it, reporting when its RPC server can no longer serve (see
     * {@link dev.weft.rpc.JsonRpcServer#start(RpcServerConfig, dev.weft.rpc.RpcRegistry, Consumer)}).
     *
     * @param config what to start
     * @param socket the RPC socket path
     * @param version the version {@code spdk_get_version} reports
     * @param out where status lines go
     * @param waitForRpc whether to wait for {@code framework_start_init} before the balancing round starts
     * @param unableToServe called once if the RPC server gives up
     * @return the running host
     * @throws Exception if any part fails to start (the parts started so far are stopped first)
     */
    public static WeftRuntimeHost start(
            final RunConfig config,
            final Path socket,
            final String version,
            final PrintWriter out,
            final boolean waitForRpc,
            final Consumer<Throwable> unableToServe)
            throws Exception {
        final Deque<Runnable> undo = new ArrayDeque<>();
        try {
            return new WeftRuntimeHost(config, socket, version, out, waitForRpc, unableToServe, undo);
        } catch (final Exception | Error e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        }
    }

    /**
     * Returns the reactor group the runtime runs on.
     *
     * @return the group
     */
    public ReactorGroup group() {
        return group;
    }

    /**
     * Returns the balancing round, once it runs ({@code framework_start_init} starts it under
     * {@code --wait-for-rpc}).
     *
     * @return the round, or empty before it starts
     */
    public Optional<BalancingRound> balancingRound() {
        return Optional.ofNullable(round);
    }

    /**
     * Returns the RPC socket's path.
     *
     * @return the path
     */
    public Path socketPath() {
        return control.socketPath();
    }

    /**
     * Returns one status line: per reactor its mode and busy share so far, the strands, RPC requests, failures and
     * the process scheduler's queue.
     *
     * @return the line
     */
    public String statusLine() {
        final StringBuilder line = new StringBuilder("weft:");
        int strandCount = 0;
        for (final Reactor reactor : group.reactors()) {
            final ReactorStats stats = reactor.stats();
            final long total = stats.busyNanos() + stats.idleNanos();
            line.append(String.format(
                    Locale.ROOT,
                    " %s[%s %.1f%%]",
                    stats.name(),
                    stats.effectiveMode().name().toLowerCase(Locale.ROOT),
                    total == 0 ? 0.0 : 100.0 * stats.busyNanos() / total));
            strandCount += stats.strands().size();
        }
        line.append(" strands=")
                .append(strandCount)
                .append(" rpc=")
                .append(control.requestCount())
                .append(" failures=")
                .append(failures.failureCount());
        final ProcessScheduler scheduler = processes.scheduler();
        if (scheduler != null) {
            line.append(" processes[queued=")
                    .append(scheduler.stats().queued())
                    .append(" running=")
                    .append(scheduler.stats().running())
                    .append(" done=")
                    .append(scheduler.stats().outcomes())
                    .append(']');
        }
        return line.toString();
    }

    private void printStatus(final PrintWriter out) {
        final long interval = config.statusInterval().toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                out.println(statusLine());
                out.flush();
            } catch (final RuntimeException | Error e) {
                System.getLogger(WeftRuntimeHost.class.getName())
                        .log(System.Logger.Level.WARNING, "status line skipped: " + e);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(interval);
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Starts the balancing round, then gives the configured balancer its configured options (a static
     * {@code mappings} names strands, which exist only now); a balancer chosen over RPC instead keeps its own.
     */
    private BalancingRound startRound(final BalancingConfig balancing) throws ConfigException {
        final BalancingRound started;
        try {
            started = BalancingRound.start(group, balancing);
        } catch (final IllegalStateException e) {
            throw new ConfigException("balancer.governor", e.getMessage());
        }
        round = started;
        final BalancerConfig wanted = config.balancer();
        if (!wanted.options().isEmpty() && balancing.balancer().name().equals(wanted.name())) {
            try {
                started.setBalancer(wanted.name(), 0, wanted.options()).get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (final ExecutionException e) {
                throw new ConfigException("balancer.options", e.getCause().getMessage());
            } catch (final InterruptedException | TimeoutException e) {
                throw new ConfigException("balancer.options", "not applied: " + e);
            }
        }
        return started;
    }

    /** Stops everything in order (see the class comment); idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        status.interrupt();
        control.close();
        final BalancingRound started = round;
        if (started != null) {
            started.close();
        }
        if (processes.strand() != null) {
            awaitQuietly(processes.strand().close());
        }
        for (final Strand strand : strands) {
            awaitQuietly(strand.close());
        }
        if (processes.scheduler() != null) {
            processes.scheduler().stop();
        }
        group.close();
        if (pool != null) {
            pool.close();
        }
    }

    /**
     * The round's configuration from the {@code balancer} section: the configured balancer and period (its options
     * follow once it runs), the scheduling options, and where its governor comes from.
     */
    private static BalancingConfig balancingConfig(final BalancerConfig balancer, final ReactorGroup group) {
        final CpuSet.Builder cpus = new CpuSet.Builder();
        group.reactors().forEach(reactor -> cpus.add(reactor.cpu()));
        final CpuSet reactorCpus = cpus.build();
        final GovernorProvider governors = switch (balancer.governor()) {
            case "simulated" -> () -> new SimulatedGovernor(reactorCpus, SIMULATED_STEPS_KHZ);
            case "cpufreq" -> () -> CpufreqGovernor.open(Path.of("/sys"), reactorCpus, Topology.read());
            default -> GovernorProvider.NONE;
        };
        try {
            return BalancingConfig.builder()
                    .balancer(Balancers.of(balancer.name()))
                    .periodMicros(balancer.periodMicros())
                    .schedulingOptions(balancer.schedulingReactor(), balancer.isolated())
                    .governors(governors)
                    .build()
                    .checkFor(group);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException("balancer", e.getMessage());
        }
    }

    private static <T> T await(final java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void awaitQuietly(final java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.get(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            System.getLogger(WeftRuntimeHost.class.getName())
                    .log(System.Logger.Level.WARNING, "a strand did not close cleanly: " + e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
