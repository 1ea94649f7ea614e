package dev.weft.rpc.methods;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.fork.WorkerStats;
import dev.weft.platform.Core;
import dev.weft.platform.NumaNode;
import dev.weft.platform.Topology;
import dev.weft.process.ProcessSchedulerStats;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandStats;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * weft's own methods (prefix {@code weft_}) for what SPDK's RPCs do not cover: the machine's topology, each reactor's
 * mode, sleep ratio and loop counters, contained tasklet failures and watchdog reports, micro-scheduler statistics
 * per worker, process-scheduler statistics and recent outcomes, and moving a strand or changing a reactor's mode by
 * hand. The methods may run on any server thread at once. Bad parameters get {@code -32602} naming the parameter; a
 * move that fails or does not finish within 5 s gets {@code -32603}. Times are in nanoseconds unless a key's suffix
 * says otherwise.
 */
public final class WeftMethods {

    /*
     * Implementation overview.
     *
     * Reads take snapshots that the runtime publishes for any thread (Reactor.stats(), MicroScheduler.workerStats(),
     * the process scheduler's stats, the failure and outcome logs), so no method stops a reactor or a worker. The two
     * writes go through the runtime's own cross-thread paths: weft_move_strand posts a move that the strand's reactor
     * performs at its next loop boundary and waits (up to MOVE_TIMEOUT) for it to complete; weft_set_reactor_mode
     * sets the reactor's volatile mode and nudges it, and the reactor reads the mode on its next idle pass. Both name
     * "rpc" as the cause in the Flight Recorder event that weft-core commits (StrandMoveEvent, ReactorModeEvent).
     */

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(5);

    private final WeftRuntime runtime;

    private WeftMethods(final WeftRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Registers weft's methods on a registry.
     *
     * @param registry where to register them
     * @param runtime the runtime they describe and act on
     */
    public static void register(final RpcRegistry registry, final WeftRuntime runtime) {
        final WeftMethods methods = new WeftMethods(runtime);
        registry.runtime("weft_get_topology", methods::topology);
        registry.runtime("weft_get_reactors", methods::reactors);
        registry.runtime("weft_set_reactor_mode", methods::setMode);
        registry.runtime("weft_get_failures", methods::failures);
        registry.runtime("weft_get_worker_pools", methods::pools);
        registry.runtime("weft_get_process_scheduler", methods::processes);
        registry.runtime("weft_move_strand", methods::moveStrand);
    }

    private JsonNode topology(final JsonNode params) {
        Params.none("weft_get_topology", params);
        final Topology topology = runtime.topology();
        final ObjectNode result = JSON.objectNode();
        result.put("online", topology.online().toList());
        result.put("allowed", topology.allowed().toList());
        result.put("isolated", topology.isolated().toList());
        final ArrayNode nodes = result.putArray("numa_nodes");
        for (final NumaNode node : topology.numaNodes()) {
            nodes.addObject().put("id", node.id()).put("cpus", node.processors().toList());
        }
        final ArrayNode cores = result.putArray("cores");
        for (final Core core : topology.cores()) {
            cores.addObject()
                    .put("index", core.index())
                    .put("socket", core.socket())
                    .put("core_id", core.coreId())
                    .put("cpus", core.processors().toList())
                    .put("efficiency_class", core.efficiencyClass());
        }
        final ArrayNode notes = result.putArray("notes");
        topology.notes().forEach(notes::add);
        return result;
    }

    private JsonNode reactors(final JsonNode params) {
        Params.none("weft_get_reactors", params);
        final ObjectNode result = JSON.objectNode();
        final ArrayNode reactors = result.putArray("reactors");
        for (final Reactor reactor : runtime.group().reactors()) {
            final ReactorStats stats = reactor.stats();
            final ObjectNode entry = reactors.addObject();
            entry.put("index", stats.index());
            entry.put("name", stats.name());
            entry.put("cpu", stats.cpu());
            entry.put("pinned", reactor.isPinned());
            entry.put("mode", stats.mode().name().toLowerCase(Locale.ROOT));
            entry.put("effective_mode", stats.effectiveMode().name().toLowerCase(Locale.ROOT));
            entry.put("forced_sleep_us", reactor.forcedSleep().toNanos() / 1000);
            entry.put("busy", stats.busyNanos());
            entry.put("idle", stats.idleNanos());
            entry.put("loops", stats.loops());
            entry.put("avg_loop_ns", stats.avgNanosPerLoop());
            entry.put("sleep_ns", stats.sleepNanos());
            entry.put("sleep_ratio_percent", stats.sleepRatioPercent());
            entry.put("sleeps", stats.sleeps());
            entry.put("wakeups", stats.wakeups());
            entry.put("yields", stats.yields());
            entry.put("tid", stats.threadId());
            entry.put("current_cpu", stats.currentCpu());
            entry.put("user_cpu_ns", stats.userCpuNanos());
            entry.put("system_cpu_ns", stats.systemCpuNanos());
            entry.put("strands", stats.strands().size());
            entry.put(
                    "virtual_threads",
                    stats.strands().stream()
                            .mapToInt(StrandStats::virtualThreads)
                            .sum());
            final ArrayNode carriers = entry.putArray("strand_virtual_threads");
            for (final StrandStats strand : stats.strands()) {
                if (strand.virtualThreads() > 0) {
                    carriers.addObject()
                            .put("id", strand.id())
                            .put("name", strand.name())
                            .put("virtual_threads", strand.virtualThreads());
                }
            }
        }
        return result;
    }

    private JsonNode setMode(final JsonNode params) {
        Params.object("weft_set_reactor_mode", params, Set.of("reactor", "mode"), Set.of("reactor", "mode"));
        final Reactor reactor = reactor("weft_set_reactor_mode", params);
        final JsonNode mode = params.get("mode");
        final ReactorMode parsed;
        try {
            parsed = ReactorMode.valueOf(mode.isString() ? mode.asString().toUpperCase(Locale.ROOT) : "");
        } catch (final IllegalArgumentException e) {
            throw RpcError.invalidParams(
                    "'weft_set_reactor_mode' parameter 'mode' must be one of poll, sleep, " + "interrupt, not " + mode);
        }
        reactor.mode(parsed, "rpc");
        return BooleanNode.TRUE;
    }

    private JsonNode failures(final JsonNode params) {
        Params.none("weft_get_failures", params);
        final FailureLog log = runtime.failures();
        final ObjectNode result = JSON.objectNode();
        result.put("failure_count", log.failureCount());
        result.put("stuck_count", log.stuckCount());
        final ArrayNode failures = result.putArray("failures");
        for (final FailureLog.Failure failure : log.failures()) {
            failures.addObject()
                    .put("time", failure.time().toString())
                    .put("reactor", failure.reactor())
                    .put("strand", failure.strand())
                    .put("kind", failure.kind().name().toLowerCase(Locale.ROOT))
                    .put("source", failure.source())
                    .put("error", failure.error());
        }
        final ArrayNode stuck = result.putArray("stuck");
        for (final FailureLog.Stuck report : log.stuckReports()) {
            stuck.addObject()
                    .put("time", report.time().toString())
                    .put("reactor", report.reactor())
                    .put("activity", report.activity())
                    .put("stuck_ns", report.stuckNanos());
        }
        return result;
    }

    private JsonNode pools(final JsonNode params) {
        Params.none("weft_get_worker_pools", params);
        final ObjectNode result = JSON.objectNode();
        final ArrayNode pools = result.putArray("pools");
        for (final WorkerPool pool : runtime.pools()) {
            final ObjectNode entry = pools.addObject();
            entry.put("id", pool.id());
            entry.put("name", pool.name());
            entry.put("workers", pool.workerCount());
            entry.put("sleeping", pool.sleepingWorkerCount());
            entry.put("halted", pool.isHalted());
            final ArrayNode schedulers = entry.putArray("micro_schedulers");
            for (final MicroScheduler scheduler : pool.microSchedulers()) {
                final ObjectNode sched = schedulers.addObject();
                sched.put("id", scheduler.id());
                sched.put("name", scheduler.name());
                final ArrayNode workers = sched.putArray("workers");
                long tasks = 0;
                long steals = 0;
                for (final WorkerStats stats : scheduler.workerStats()) {
                    workers.addObject()
                            .put("worker", stats.localSchedulerId().localId())
                            .put("tasks", stats.executed())
                            .put("steals", stats.stolen())
                            .put("queued", stats.queued())
                            .put("parks", stats.sleeps());
                    tasks += stats.executed();
                    steals += stats.stolen();
                }
                sched.put("tasks", tasks);
                sched.put("steals", steals);
            }
        }
        return result;
    }

    private JsonNode processes(final JsonNode params) {
        Params.none("weft_get_process_scheduler", params);
        final ObjectNode result = JSON.objectNode();
        if (runtime.processes().isEmpty()) {
            result.put("enabled", false);
            return result;
        }
        final ProcessSchedulerStats stats = runtime.processes().get().stats();
        result.put("enabled", true);
        result.put("queued", stats.queued());
        result.put("running", stats.running());
        result.put("workers_ready", stats.workersReady());
        result.put("worker_starts", stats.workerStarts());
        result.put("worker_crashes", stats.workerCrashes());
        final ObjectNode outcomes = result.putObject("outcomes");
        outcomes.put("ok", stats.ok());
        outcomes.put("failed", stats.failed());
        outcomes.put("timed_out", stats.timedOut());
        outcomes.put("worker_crashed", stats.crashed());
        outcomes.put("cancelled", stats.cancelled());
        outcomes.put("rejected", stats.rejected());
        final ArrayNode recent = result.putArray("recent");
        runtime.outcomes().ifPresent(log -> {
            for (final OutcomeLog.Entry entry : log.entries()) {
                recent.addObject()
                        .put("time", entry.time().toString())
                        .put("id", entry.id())
                        .put("type", entry.type())
                        .put("outcome", entry.outcome())
                        .put("detail", entry.detail());
            }
        });
        return result;
    }

    private JsonNode moveStrand(final JsonNode params) {
        Params.object("weft_move_strand", params, Set.of("strand_id", "reactor"), Set.of("strand_id", "reactor"));
        final long id = Params.integer("weft_move_strand", params, "strand_id");
        final Reactor target = reactor("weft_move_strand", params);
        Strand strand = null;
        for (final Reactor reactor : runtime.group().reactors()) {
            for (final Strand candidate : reactor.strands()) {
                if (candidate.id() == id) {
                    strand = candidate;
                }
            }
        }
        if (strand == null) {
            throw RpcError.invalidParams("'weft_move_strand': no placed strand has id " + id);
        }
        try {
            runtime.group().move(strand, target, "rpc").get(MOVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final IllegalArgumentException e) {
            throw RpcError.invalidParams("'weft_move_strand': " + e.getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcError(RpcError.INTERNAL_ERROR, "interrupted while moving strand " + id);
        } catch (final ExecutionException e) {
            throw new RpcError(RpcError.INTERNAL_ERROR, "moving strand " + id + " failed: " + e.getCause());
        } catch (final TimeoutException e) {
            throw new RpcError(
                    RpcError.INTERNAL_ERROR,
                    "strand " + id + " did not reach reactor " + target.index() + " within " + MOVE_TIMEOUT.toSeconds()
                            + " s");
        }
        return BooleanNode.TRUE;
    }

    private Reactor reactor(final String method, final JsonNode params) {
        final long index = Params.integer(method, params, "reactor");
        final int count = runtime.group().reactors().size();
        if (index < 0 || index >= count) {
            throw RpcError.invalidParams("'" + method + "' parameter 'reactor' must be a reactor index from 0 to "
                    + (count - 1) + ", not " + index);
        }
        return runtime.group().reactor((int) index);
    }
}
