package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.HIGHER;
import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Target.figure;
import static dev.weft.bench.report.Target.none;
import static dev.weft.bench.report.Target.ratio;

import java.util.List;
import java.util.Optional;

/**
 * The report's rows: the one table that says, for every figure of weft-bench and the demo, which result is weft's,
 * which is the anchor's in the same run, which way is better, and its target.
 * Adding a benchmark to the report is adding one line here.
 *
 * <p>Each line reads {@code row(area, what is measured, anchor's name, weft's selector, anchor's selector or null,
 * direction, target)}; selectors are {@link Selector}'s one-line form. Ratios are always weft ÷ anchor, so a target
 * of "N× the anchor's speed" on a time per operation is the ratio bound 1/N. JMH results come from the runs of
 * {@link Plan}; {@code idle.*}, {@code dispatch-cpu.*}, {@code balance.*} and {@code process-latency.*} from the mains ({@link MainOutput});
 * {@code demo.*} from {@code weft demo --json} ({@link DemoJson}).
 */
public final class Rows {

    private static final List<Row> ALL = List.of(
            // fork: each against ForkJoinPool with the same parallelism; times per operation
            row("fork", "fib(30) continuations (GTS style), 2 workers (target: within ForkJoinPool's textbook time)",
                    "ForkJoinPool", "fork.FibBenchmark.weftContinuations workers=2",
                    "fork.FibBenchmark.forkJoinPool workers=2", LOWER, ratio(1.0)),
            row("fork", "fib(30), continuations without task reuse (caching off), 2 workers", "ForkJoinPool",
                    "fork.FibBenchmark.weftContinuationsWithoutReuse workers=2",
                    "fork.FibBenchmark.forkJoinPool workers=2", LOWER, none()),
            row("fork", "textbook fib(30) through the fork/join layer, 2 workers (target: 0.8× ForkJoinPool's time)",
                    "ForkJoinPool", "fork.FibBenchmark.weftForkJoin workers=2",
                    "fork.FibBenchmark.forkJoinPool workers=2", LOWER, ratio(0.8)),
            row("fork", "textbook fib(30) through the fork/join layer, 1 worker: spawn cost (target: 0.8× "
                    + "ForkJoinPool's time)", "ForkJoinPool", "fork.FibBenchmark.weftForkJoin workers=1",
                    "fork.FibBenchmark.forkJoinPool workers=1", LOWER, ratio(0.8)),
            row("fork", "textbook fib(30), 1 worker, against plain recursion", "sequential recursion",
                    "fork.FibBenchmark.weftForkJoin workers=1", "fork.FibBenchmark.sequential workers=1", LOWER,
                    none()),
            row("fork", "textbook fib(30) on a scheduler with three priorities (only 0 used), 2 workers: unused "
                    + "priorities cost nothing", "the same with one priority",
                    "fork.FibBenchmark.weftForkJoinThreePriorities workers=2",
                    "fork.FibBenchmark.weftForkJoin workers=2", LOWER, ratio(1.05)),
            row("fork", "spawn overhead: fib(30) at threshold 1 on 1 worker", "sequential recursion",
                    "fork.FibBenchmark.weftContinuations workers=1", "fork.FibBenchmark.sequential workers=1", LOWER,
                    ratio(2.0)),
            row("fork", "fib(30), 2 workers, against plain recursion", "sequential recursion",
                    "fork.FibBenchmark.weftContinuations workers=2", "fork.FibBenchmark.sequential workers=2", LOWER,
                    none()),
            row("fork", "fib(30), demand-driven fork/join (forkOnDemand: a task only for a hungry worker), 2 workers",
                    "ForkJoinPool forking on surplus <= 3", "fork.FibBenchmark.weftForkJoinOnDemand workers=2",
                    "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2", LOWER, ratio(1 / 1.3)),
            row("fork", "fib(30), demand-driven fork/join, long form (forkOnDemand(LongForkFunction, long)), 2 "
                    + "workers", "ForkJoinPool forking on surplus <= 3",
                    "fork.FibBenchmark.weftForkJoinOnDemandLong workers=2",
                    "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2", LOWER, ratio(1 / 1.3)),
            row("fork", "fib(30), demand-driven splitting (fork only while hasDemand()), 2 workers",
                    "ForkJoinPool forking on surplus <= 3", "fork.FibBenchmark.weftOnDemand workers=2",
                    "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2", LOWER, ratio(1 / 1.3)),
            row("fork", "fib(30), demand-driven splitting (fork only while hasDemand()), 2 workers",
                    "ForkJoinPool, textbook (always fork)", "fork.FibBenchmark.weftOnDemand workers=2",
                    "fork.FibBenchmark.forkJoinPool workers=2", LOWER, none()),
            row("fork", "spawn overhead, demand-driven fork/join (forkOnDemand): fib(30) on 1 worker",
                    "sequential recursion", "fork.FibBenchmark.weftForkJoinOnDemand workers=1",
                    "fork.FibBenchmark.sequential workers=1", LOWER, ratio(2.0)),
            row("fork", "spawn overhead, demand-driven fork/join, long form: fib(30) on 1 worker",
                    "sequential recursion", "fork.FibBenchmark.weftForkJoinOnDemandLong workers=1",
                    "fork.FibBenchmark.sequential workers=1", LOWER, ratio(2.0)),
            row("fork", "spawn overhead, demand-driven splitting (hasDemand()): fib(30) on 1 worker",
                    "sequential recursion", "fork.FibBenchmark.weftOnDemand workers=1",
                    "fork.FibBenchmark.sequential workers=1", LOWER, ratio(2.0)),
            row("fork", "spawn overhead of ForkJoinPool forking on surplus <= 3: fib(30) on 1 worker",
                    "sequential recursion", "fork.FibBenchmark.forkJoinPoolOnSurplus workers=1",
                    "fork.FibBenchmark.sequential workers=1", LOWER, none()),
            row("fork", "fib(30) from the per-worker task cache, 2 workers", "the same with the cache off",
                    "fork.TaskCacheBenchmark.cacheOn", "fork.TaskCacheBenchmark.cacheOff", LOWER, none()),
            row("fork", "fib(30) from the per-worker task cache, 2 workers", "ForkJoinPool",
                    "fork.TaskCacheBenchmark.cacheOn", "fork.TaskCacheBenchmark.forkJoinPool", LOWER, none()),
            row("fork", "N-Queens(12), 2 workers (target: 1.1× ForkJoinPool's throughput)", "ForkJoinPool",
                    "fork.NQueensBenchmark.weft", "fork.NQueensBenchmark.forkJoinPool", LOWER, ratio(1 / 1.1)),
            row("fork", "UTS T1 (4.1 M nodes), 2 workers (target: 1.1× ForkJoinPool's throughput)", "ForkJoinPool",
                    "fork.UtsBenchmark.weft tree=T1 workers=2", "fork.UtsBenchmark.forkJoinPool tree=T1 workers=2",
                    LOWER, ratio(1 / 1.1)),
            row("fork", "UTS T3 (4.1 M nodes, depth 1572), 2 workers (target: 1.1× ForkJoinPool's throughput)",
                    "ForkJoinPool", "fork.UtsBenchmark.weft tree=T3 workers=2",
                    "fork.UtsBenchmark.forkJoinPool tree=T3 workers=2", LOWER, ratio(1 / 1.1)),
            row("fork", "UTS T1L (102 M nodes), 2 workers, 256 MiB stacks (target: 1.1× ForkJoinPool's throughput)",
                    "ForkJoinPool", "fork.UtsBenchmark.weft tree=T1L workers=2",
                    "fork.UtsBenchmark.forkJoinPool tree=T1L workers=2", LOWER, ratio(1 / 1.1)),
            row("fork", "UTS T3L (111 M nodes, depth 17,844), 2 workers, 256 MiB stacks (target: 1.1× "
                    + "ForkJoinPool's throughput)", "ForkJoinPool", "fork.UtsBenchmark.weft tree=T3L workers=2",
                    "fork.UtsBenchmark.forkJoinPool tree=T3L workers=2", LOWER, ratio(1 / 1.1)),
            row("fork", "UTS T1 speed-up from 1 to 2 workers (target: 1.8×)", "weft on 1 worker",
                    "fork.UtsBenchmark.weft tree=T1 workers=2", "fork.UtsBenchmark.weft tree=T1 workers=1", LOWER,
                    ratio(1 / 1.8)),
            row("fork", "parallel-for over 1 M elements, grain 1024, 2 workers", "ForkJoinPool",
                    "fork.ParallelForBenchmark.weft", "fork.ParallelForBenchmark.forkJoinPool", LOWER, none()),
            // reactor
            row("reactor", "dispatch, exact tasklet timing: one pass over 1 idle tasklet",
                    "hand-written loop, same accounting", "reactor.DispatchBenchmark.pass tasklets=1 loop=weftExact",
                    "reactor.DispatchBenchmark.pass tasklets=1 loop=handLoop", LOWER, ratio(1.1)),
            row("reactor", "dispatch, exact tasklet timing: one pass over 16 idle tasklets",
                    "hand-written loop, same accounting", "reactor.DispatchBenchmark.pass tasklets=16 loop=weftExact",
                    "reactor.DispatchBenchmark.pass tasklets=16 loop=handLoop", LOWER, ratio(1.1)),
            row("reactor", "dispatch, exact tasklet timing: one pass over 256 idle tasklets",
                    "hand-written loop, same accounting", "reactor.DispatchBenchmark.pass tasklets=256 loop=weftExact",
                    "reactor.DispatchBenchmark.pass tasklets=256 loop=handLoop", LOWER, ratio(1.1)),
            row("reactor", "dispatch CPU time, exact tasklet timing: one pass over 1 idle tasklet",
                    "hand-written loop, same accounting", "dispatch-cpu.weftExact-1 metric=ns",
                    "dispatch-cpu.hand-1 metric=ns", LOWER, ratio(1.1)),
            row("reactor", "dispatch CPU time: one pass over 1 idle tasklet",
                    "Agrona CompositeAgent (no accounting)", "dispatch-cpu.weft-1 metric=ns",
                    "dispatch-cpu.agrona-1 metric=ns", LOWER, ratio(1.5)),
            row("reactor", "dispatch CPU time, exact tasklet timing: one pass over 16 idle tasklets",
                    "hand-written loop, same accounting", "dispatch-cpu.weftExact-16 metric=ns",
                    "dispatch-cpu.hand-16 metric=ns", LOWER, ratio(1.1)),
            row("reactor", "dispatch CPU time: one pass over 16 idle tasklets",
                    "Agrona CompositeAgent (no accounting)", "dispatch-cpu.weft-16 metric=ns",
                    "dispatch-cpu.agrona-16 metric=ns", LOWER, ratio(1.5)),
            row("reactor", "dispatch CPU time, exact tasklet timing: one pass over 256 idle tasklets",
                    "hand-written loop, same accounting", "dispatch-cpu.weftExact-256 metric=ns",
                    "dispatch-cpu.hand-256 metric=ns", LOWER, ratio(1.1)),
            row("reactor", "dispatch CPU time: one pass over 256 idle tasklets",
                    "Agrona CompositeAgent (no accounting)", "dispatch-cpu.weft-256 metric=ns",
                    "dispatch-cpu.agrona-256 metric=ns", LOWER, ratio(1.5)),
            row("reactor", "dispatch: one pass over 1 idle tasklet", "Agrona CompositeAgent (no accounting)",
                    "reactor.DispatchBenchmark.pass tasklets=1 loop=weft",
                    "reactor.DispatchBenchmark.pass tasklets=1 loop=agrona", LOWER, ratio(1.5)),
            row("reactor", "dispatch: one pass over 16 idle tasklets", "Agrona CompositeAgent (no accounting)",
                    "reactor.DispatchBenchmark.pass tasklets=16 loop=weft",
                    "reactor.DispatchBenchmark.pass tasklets=16 loop=agrona", LOWER, ratio(1.5)),
            row("reactor", "dispatch: one pass over 256 idle tasklets", "Agrona CompositeAgent (no accounting)",
                    "reactor.DispatchBenchmark.pass tasklets=256 loop=weft",
                    "reactor.DispatchBenchmark.pass tasklets=256 loop=agrona", LOWER, ratio(1.5)),
            row("reactor", "lateness p50 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ScheduledThreadPoolExecutor", "reactor.ScheduleLatenessBenchmark.lateness executor=weftReactor "
                    + "metric=p50", "reactor.ScheduleLatenessBenchmark.lateness executor=scheduledThreadPool "
                    + "metric=p50", LOWER, none()),
            row("reactor", "lateness p99 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ScheduledThreadPoolExecutor", "reactor.ScheduleLatenessBenchmark.lateness executor=weftReactor "
                    + "metric=p99", "reactor.ScheduleLatenessBenchmark.lateness executor=scheduledThreadPool "
                    + "metric=p99", LOWER, none()),
            row("reactor", "lateness p50 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ForkJoinPool (JDK 25 delay scheduler)", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=weftReactor metric=p50", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=forkJoinPool metric=p50", LOWER, none()),
            row("fork", "lateness p50 of a task scheduled 1 ms ahead, ForkExecutorService (delay scheduler)",
                    "ForkJoinPool (JDK 25 delay scheduler)", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=weftFork metric=p50", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=forkJoinPool metric=p50", LOWER, none()),
            row("fork", "lateness p99 of a task scheduled 1 ms ahead, ForkExecutorService (delay scheduler)",
                    "ForkJoinPool (JDK 25 delay scheduler)", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=weftFork metric=p99", "reactor.ScheduleLatenessBenchmark.lateness "
                    + "executor=forkJoinPool metric=p99", LOWER, none()),
            row("reactor", "wake-to-run p50, reactor in sleep mode", "thread parked with a 1 ms timeout, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftSleep metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupportTimed metric=p50", LOWER, ratio(1.2)),
            row("reactor", "wake-to-run p50, reactor in interrupt mode", "thread parked with LockSupport, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupport metric=p50", LOWER, ratio(1.2)),
            row("reactor", "wake-to-run p99, reactor in sleep mode", "thread parked with a 1 ms timeout, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftSleep metric=p99",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupportTimed metric=p99", LOWER, none()),
            row("reactor", "wake-to-run p99, reactor in interrupt mode", "thread parked with LockSupport, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p99",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupport metric=p99", LOWER, none()),
            row("reactor", "wake-to-run p50, reactor in interrupt mode", "idle ThreadPoolExecutor",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=threadPool metric=p50", LOWER, none()),
            row("reactor", "idle cost: 2 reactors, 100 sleeping tasklets (advice 1 ms)", "Agrona BackoffIdleStrategy",
                    "idle.weft-sleep metric=cpu", "idle.agrona-backoff metric=cpu", LOWER, figure(2.0)),
            row("reactor", "idle cost: 2 reactors in interrupt mode, 100 quiet tasks", "Agrona BackoffIdleStrategy",
                    "idle.weft-interrupt metric=cpu", "idle.agrona-backoff metric=cpu", LOWER, figure(0.1)),
            row("reactor", "idle cost: sleep mode with Linux's default 50 µs timer slack",
                    "bare threads in parkNanos(1 ms)", "idle.weft-sleep-50us metric=cpu", "idle.park-floor metric=cpu",
                    LOWER, none()),
            row("reactor", "cross-reactor messages, burst, per message", "single-thread ThreadPoolExecutor",
                    "reactor.MessagingBenchmark.burst transport=weft",
                    "reactor.MessagingBenchmark.burst transport=threadPool", LOWER, none()),
            row("reactor", "cross-reactor messages, burst, per message", "LinkedBlockingQueue hand-off",
                    "reactor.MessagingBenchmark.burst transport=weft",
                    "reactor.MessagingBenchmark.burst transport=queueHandOff", LOWER, none()),
            row("reactor", "ping-pong between two reactors, per message", "single-thread ThreadPoolExecutor",
                    "reactor.MessagingBenchmark.pingPong transport=weft",
                    "reactor.MessagingBenchmark.pingPong transport=threadPool", LOWER, none()),
            row("reactor", "ping-pong between two reactors, per message", "LinkedBlockingQueue hand-off",
                    "reactor.MessagingBenchmark.pingPong transport=weft",
                    "reactor.MessagingBenchmark.pingPong transport=queueHandOff", LOWER, none()),
            row("reactor", "a 300 µs parkNanos with the reactors' 1 µs timer slack", "Linux's default 50 µs slack",
                    "reactor.TimerSlackBenchmark.sleep300us slackNanos=1000",
                    "reactor.TimerSlackBenchmark.sleep300us slackNanos=50000", LOWER, none()),
            row("reactor", "Reactor.stats(): a snapshot with the reactor's CPU times", "ThreadMXBean user and total "
                    + "CPU time of the thread", "reactor.ReactorStatsBenchmark.stats",
                    "reactor.ReactorStatsBenchmark.threadMxBeanUserAndTotal", LOWER, none()),
            row("reactor", "paced pipeline: build and send one item (builder and transmitter polls)",
                    "the same by hand over a bare JCTools ring", "reactor.PacedPipelineBenchmark.item way=pipeline",
                    "reactor.PacedPipelineBenchmark.item way=bareRing", LOWER, none()),
            // platform (foundation)
            row("platform", "which CPU am I on: sched_getcpu through FFM", "reading /proc/thread-self/stat",
                    "platform.CurrentCpuBenchmark.ffm", "platform.CurrentCpuBenchmark.procfs", LOWER, none()),
            // balance: dynamic against static, same 32 bursty strands
            row("balance", "CPU time of 32 bursty strands under dynamic", "static balancer",
                    "balance.dynamic metric=cpu", "balance.static metric=cpu", LOWER, ratio(0.60)),
            row("balance", "work done by 32 bursty strands under dynamic", "static balancer",
                    "balance.dynamic metric=work", "balance.static metric=work", HIGHER, ratio(0.95)),
            // process
            row("process", "warm worker round trip p50, run() spinning (JMH)", "fork/exec of /bin/true",
                    "process.ProcessRoundTripBenchmark.warmWorker metric=p50",
                    "process.ProcessRoundTripBenchmark.forkExecTrue metric=p50", LOWER, figure(300)),
            row("process", "warm worker round trip p99, run() spinning (JMH)", "fresh java process per task",
                    "process.ProcessRoundTripBenchmark.warmWorker metric=p99",
                    "process.ProcessRoundTripBenchmark.freshJava metric=p99", LOWER, none()),
            row("process", "warm worker round trip p50, run() spinning", "fork/exec of /bin/true",
                    "process-latency.warm-worker-run-spinning metric=p50",
                    "process-latency.fork-exec-bin-true-anchor metric=p50", LOWER, figure(300)),
            row("process", "warm worker round trip p50, awaitWork() sleeping", "fresh java process per task",
                    "process-latency.warm-worker-awaitwork-sleeping metric=p50",
                    "process-latency.fresh-java-per-task-anchor metric=p50", LOWER, none()),
            row("process", "hung task killed, lateness past its deadline, p99", "", "process-latency.kill-lateness*"
                    + " metric=p99", null, LOWER, figure(20_000)),
            row("process", "trivial tasks per second, 2 workers, run thread spinning", "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=2 driver=spin",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=spin", HIGHER, figure(5_000)),
            row("process", "trivial tasks per second, 2 workers, run thread sleeping", "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=2 driver=sleep",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=sleep", HIGHER, figure(5_000)),
            row("process", "trivial tasks per second, 1 worker, run thread spinning", "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=1 driver=spin",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=spin", HIGHER, none()),
            row("process", "trivial tasks per second, 1 worker, run thread sleeping", "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=1 driver=sleep",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=sleep", HIGHER, none()),
            // rpc: throughput in requests per millisecond (20 = 20,000/s), latency in ms
            row("rpc", "framework_get_reactors requests, 1 client", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt", HIGHER, figure(20)),
            row("rpc", "framework_get_reactors requests, 16 clients", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=thrpt threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16", HIGHER, figure(20)),
            row("rpc", "framework_get_reactors p99, 1 client", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=sample metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99", LOWER, figure(2)),
            row("rpc", "framework_get_reactors p99, 16 clients", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=sample threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99", LOWER,
                    figure(2)),
            row("rpc", "framework_get_reactors p99, 16 clients on Jackson's client (weft rpc's)",
                    "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=framework_get_reactors_jackson_client mode=sample "
                            + "threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99", LOWER, none()),
            row("rpc", "rpc_get_methods requests, 1 client", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=thrpt",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt", HIGHER, none()),
            row("rpc", "rpc_get_methods requests, 16 clients", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=thrpt threads=16",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=thrpt threads=16", HIGHER, none()),
            row("rpc", "rpc_get_methods p99, 1 client", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=sample metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample metric=p99", LOWER, none()),
            row("rpc", "rpc_get_methods p99, 16 clients", "bare UNIX-socket echo",
                    "rpc.RpcRequestBenchmark.request method=rpc_get_methods mode=sample threads=16 metric=p99",
                    "rpc.RpcRequestBenchmark.request method=raw_echo mode=sample threads=16 metric=p99", LOWER,
                    none()),
            row("rpc", "framework_get_reactors, 64 requests pipelined on one connection (the server's own rate)",
                    "rpc_get_methods pipelined the same way", "rpc.RpcPipelineBenchmark.pipelined "
                    + "method=framework_get_reactors", "rpc.RpcPipelineBenchmark.pipelined method=rpc_get_methods",
                    HIGHER, figure(20)),
            row("rpc", "framework_get_reactors served without a socket (parse, dispatch, method, write)",
                    "rpc_get_methods the same way", "rpc.RpcDispatchBenchmark.serve method=framework_get_reactors",
                    "rpc.RpcDispatchBenchmark.serve method=rpc_get_methods", LOWER, none()),
            row("rpc", "reactor work kept while serving 100 requests/s, median of paired windows (target: <= 2% "
                    + "lost)", "bare UNIX-socket echo server at the same rate", "rpc-reactor-throughput.weft "
                    + "metric=kept", "rpc-reactor-throughput.echo metric=kept", HIGHER, figure(98.0)),
            row("rpc", "reactor work kept while serving 100 requests/s, worst paired window", "",
                    "rpc-reactor-throughput.weft metric=lowest", null, HIGHER, none()),
            row("rpc", "reactor burst time while serving 100 requests/s (separate trials: drifts with other "
                    + "processes' load)", "no control-plane load",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=100 mode=avgt",
                    "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=0 mode=avgt", LOWER, none()),
            row("rpc", "median reactor burst time while serving 100 requests/s (robust to other processes' load)",
                    "no control-plane load", "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=100 mode=sample "
                    + "metric=p50", "rpc.RpcReactorCostBenchmark.burst rpcPerSecond=0 mode=sample metric=p50", LOWER,
                    none()),
            row("rpc", "serving CPU at 100 requests/s, share of one core: the most the control plane can take from "
                    + "a reactor (target: <= 2% lost)", "bare UNIX-socket echo server at the same rate",
                    "rpc-serve-cpu.weft metric=share", "rpc-serve-cpu.echo metric=share", LOWER, figure(2.0)),
            row("rpc", "serving CPU per framework_get_reactors request at 100 requests/s",
                    "bare UNIX-socket echo server at the same rate", "rpc-serve-cpu.weft metric=micros",
                    "rpc-serve-cpu.echo metric=micros", LOWER, none()),
            // virtual threads carried by strands: a blocking-style TCP echo server, the same handler three ways
            row("vthreads", "blocking echo server, 16 clients, round-trip p99: virtual threads on weft strands "
                    + "(target: 0.8x the default scheduler)", "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-16 metric=p99", "vthread-echo.default-16 metric=p99", LOWER, ratio(0.8)),
            row("vthreads", "blocking echo server, 16 clients, server CPU per request (target: no more than the "
                    + "default scheduler)", "JDK default virtual-thread scheduler", "vthread-echo.weft-16 metric=cpu",
                    "vthread-echo.default-16 metric=cpu", LOWER, ratio(1.0)),
            row("vthreads", "blocking echo server, 16 clients, round-trip p50", "JDK default virtual-thread "
                    + "scheduler", "vthread-echo.weft-16 metric=p50", "vthread-echo.default-16 metric=p50", LOWER,
                    none()),
            row("vthreads", "blocking echo server, 1 client, round-trip p99", "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-1 metric=p99", "vthread-echo.default-1 metric=p99", LOWER, none()),
            row("vthreads", "blocking echo server, 1 client, round-trip p50", "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-1 metric=p50", "vthread-echo.default-1 metric=p50", LOWER, none()),
            row("vthreads", "blocking echo server, 1 client, server CPU per request", "JDK default virtual-thread "
                    + "scheduler", "vthread-echo.weft-1 metric=cpu", "vthread-echo.default-1 metric=cpu", LOWER,
                    none()),
            row("vthreads", "blocking echo server, 16 clients, round-trip p99", "a platform thread per connection",
                    "vthread-echo.weft-16 metric=p99", "vthread-echo.platform-16 metric=p99", LOWER, none()),
            row("vthreads", "blocking echo server, 16 clients, server CPU per request",
                    "a platform thread per connection", "vthread-echo.weft-16 metric=cpu",
                    "vthread-echo.platform-16 metric=cpu", LOWER, none()),
            // demo: weft against the plain-JDK way in the same run
            row("demo", "media pacing error p99", "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=pacingP99Micros", "demo.mediaPlain metric=pacingP99Micros", LOWER,
                    ratio(0.5)),
            row("demo", "media pacing error p50", "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=pacingP50Micros", "demo.mediaPlain metric=pacingP50Micros", LOWER, none()),
            row("demo", "media pacing error max", "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=pacingMaxMicros", "demo.mediaPlain metric=pacingMaxMicros", LOWER, none()),
            row("demo", "media packets lost", "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=lost", "demo.mediaPlain metric=lost", LOWER, figure(0)),
            row("demo", "media CPU per session", "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=cpuMillisPerSession", "demo.mediaPlain metric=cpuMillisPerSession", LOWER,
                    ratio(1.0)),
            row("demo", "UDP echo round trip p50", "plain JDK blocking echo",
                    "demo.echoWeft metric=rttP50Micros", "demo.echoPlain metric=rttP50Micros", LOWER, none()),
            row("demo", "UDP echo round trip p99", "plain JDK blocking echo",
                    "demo.echoWeft metric=rttP99Micros", "demo.echoPlain metric=rttP99Micros", LOWER, none()),
            row("demo", "UDP echo round trip p99", "plain JDK blocking echo on a virtual thread",
                    "demo.echoWeft metric=rttP99Micros", "demo.echoVirtual metric=rttP99Micros", LOWER, none()),
            row("demo", "UDP echo round trip p99, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on the JDK's default virtual-thread scheduler",
                    "demo.echoCarried metric=rttP99Micros", "demo.echoVirtual metric=rttP99Micros", LOWER, none()),
            row("demo", "UDP echo round trip p50, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on the JDK's default virtual-thread scheduler",
                    "demo.echoCarried metric=rttP50Micros", "demo.echoVirtual metric=rttP50Micros", LOWER, none()),
            row("demo", "UDP echo server CPU, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on a platform thread", "demo.echoCarried metric=serverCpuNanos",
                    "demo.echoPlain metric=serverCpuNanos", LOWER, none()),
            row("demo", "balancing phase: CPU of the media reactors", "the same reactors polling all the time",
                    "demo.balancing metric=reactorCpuSeconds", "demo.balancing metric=pollingCpuSeconds", LOWER,
                    none()),
            row("demo", "UDP echo requests lost", "plain JDK blocking echo",
                    "demo.echoWeft metric=lost", "demo.echoPlain metric=lost", LOWER, none()),
            row("demo", "UDP echo server CPU", "plain JDK blocking echo",
                    "demo.echoWeft metric=serverCpuNanos", "demo.echoPlain metric=serverCpuNanos", LOWER, none()),
            row("demo", "batch fork-join: UTS trees per second beside the media", "",
                    "demo.batch metric=treesPerSecond", null, HIGHER, none()),
            row("demo", "batch fork-join: UTS trees with a wrong answer", "", "demo.batch metric=wrong", null, LOWER,
                    figure(0)),
            row("demo", "process tasks without an outcome", "", "demo.processes metric=missing", null, LOWER,
                    figure(0)),
            row("demo", "process tasks with more than one outcome", "", "demo.processes metric=duplicated", null, LOWER,
                    figure(0)),
            row("demo", "process outcomes for no submitted task", "", "demo.processes metric=unknown", null, LOWER,
                    figure(0)),
            row("demo", "process tasks with a wrong answer", "", "demo.processes metric=wrongAnswers", null, LOWER,
                    figure(0)));

    private Rows() {
    }

    /**
     * Every row, in the order the report prints them.
     *
     * @return the rows
     */
    public static List<Row> all() {
        return ALL;
    }

    private static Row row(final String area, final String what, final String anchorName, final String weft,
            final String anchor, final Direction direction, final Target target) {
        return new Row(area, what, anchorName, Selector.parse(weft),
                Optional.ofNullable(anchor).map(Selector::parse), direction, target);
    }
}
