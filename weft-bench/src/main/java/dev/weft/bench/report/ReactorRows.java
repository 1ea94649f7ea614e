package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Rows.row;
import static dev.weft.bench.report.Target.figure;
import static dev.weft.bench.report.Target.none;
import static dev.weft.bench.report.Target.ratio;

import java.util.List;

/** Part of {@link Rows}: the reactor's rows: dispatch, wake-ups, messaging, timers, pipelines. */
final class ReactorRows {

    static final List<Row> ROWS = List.of(
            // reactor
            row(
                            "reactor",
                            "dispatch, exact tasklet timing: one pass over 1 idle tasklet",
                            "hand-written loop, same accounting",
                            "reactor.DispatchBenchmark.pass tasklets=1 loop=weftExact",
                            "reactor.DispatchBenchmark.pass tasklets=1 loop=handLoop",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch, exact tasklet timing: one pass over 16 idle tasklets",
                            "hand-written loop, same accounting",
                            "reactor.DispatchBenchmark.pass tasklets=16 loop=weftExact",
                            "reactor.DispatchBenchmark.pass tasklets=16 loop=handLoop",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch, exact tasklet timing: one pass over 256 idle tasklets",
                            "hand-written loop, same accounting",
                            "reactor.DispatchBenchmark.pass tasklets=256 loop=weftExact",
                            "reactor.DispatchBenchmark.pass tasklets=256 loop=handLoop",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time, exact tasklet timing: one pass over 1 idle tasklet",
                            "hand-written loop, same accounting",
                            "dispatch-cpu.weftExact-1 metric=ns",
                            "dispatch-cpu.hand-1 metric=ns",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time: one pass over 1 idle tasklet",
                            "Agrona CompositeAgent (no accounting)",
                            "dispatch-cpu.weft-1 metric=ns",
                            "dispatch-cpu.agrona-1 metric=ns",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time, exact tasklet timing: one pass over 16 idle tasklets",
                            "hand-written loop, same accounting",
                            "dispatch-cpu.weftExact-16 metric=ns",
                            "dispatch-cpu.hand-16 metric=ns",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time: one pass over 16 idle tasklets",
                            "Agrona CompositeAgent (no accounting)",
                            "dispatch-cpu.weft-16 metric=ns",
                            "dispatch-cpu.agrona-16 metric=ns",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time, exact tasklet timing: one pass over 256 idle tasklets",
                            "hand-written loop, same accounting",
                            "dispatch-cpu.weftExact-256 metric=ns",
                            "dispatch-cpu.hand-256 metric=ns",
                            LOWER,
                            ratio(1.1))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch CPU time: one pass over 256 idle tasklets",
                            "Agrona CompositeAgent (no accounting)",
                            "dispatch-cpu.weft-256 metric=ns",
                            "dispatch-cpu.agrona-256 metric=ns",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch: one pass over 1 idle tasklet",
                            "Agrona CompositeAgent (no accounting)",
                            "reactor.DispatchBenchmark.pass tasklets=1 loop=weft",
                            "reactor.DispatchBenchmark.pass tasklets=1 loop=agrona",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch: one pass over 16 idle tasklets",
                            "Agrona CompositeAgent (no accounting)",
                            "reactor.DispatchBenchmark.pass tasklets=16 loop=weft",
                            "reactor.DispatchBenchmark.pass tasklets=16 loop=agrona",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                            "reactor",
                            "dispatch: one pass over 256 idle tasklets",
                            "Agrona CompositeAgent (no accounting)",
                            "reactor.DispatchBenchmark.pass tasklets=256 loop=weft",
                            "reactor.DispatchBenchmark.pass tasklets=256 loop=agrona",
                            LOWER,
                            ratio(1.5))
                    .explainedBy(Decisions.DISPATCH_PASS),
            row(
                    "reactor",
                    "lateness p50 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ScheduledThreadPoolExecutor",
                    "reactor.ScheduleLatenessBenchmark.lateness executor=weftReactor " + "metric=p50",
                    "reactor.ScheduleLatenessBenchmark.lateness executor=scheduledThreadPool " + "metric=p50",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "lateness p99 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ScheduledThreadPoolExecutor",
                    "reactor.ScheduleLatenessBenchmark.lateness executor=weftReactor " + "metric=p99",
                    "reactor.ScheduleLatenessBenchmark.lateness executor=scheduledThreadPool " + "metric=p99",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "lateness p50 of a task scheduled 1 ms ahead, reactor executor (its strand's timer)",
                    "ForkJoinPool (JDK 25 delay scheduler)",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=weftReactor metric=p50",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=forkJoinPool metric=p50",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "lateness p50 of a task scheduled 1 ms ahead, ForkExecutorService (delay scheduler)",
                    "ForkJoinPool (JDK 25 delay scheduler)",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=weftFork metric=p50",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=forkJoinPool metric=p50",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "lateness p99 of a task scheduled 1 ms ahead, ForkExecutorService (delay scheduler)",
                    "ForkJoinPool (JDK 25 delay scheduler)",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=weftFork metric=p99",
                    "reactor.ScheduleLatenessBenchmark.lateness " + "executor=forkJoinPool metric=p99",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "wake-to-run p50, reactor in sleep mode",
                    "thread parked with a 1 ms timeout, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftSleep metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupportTimed metric=p50",
                    LOWER,
                    ratio(1.2)),
            row(
                    "reactor",
                    "wake-to-run p50, reactor in interrupt mode",
                    "thread parked with LockSupport, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupport metric=p50",
                    LOWER,
                    ratio(1.2)),
            row(
                    "reactor",
                    "wake-to-run p99, reactor in sleep mode",
                    "thread parked with a 1 ms timeout, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftSleep metric=p99",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupportTimed metric=p99",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "wake-to-run p99, reactor in interrupt mode",
                    "thread parked with LockSupport, unparked",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p99",
                    "reactor.WakeLatencyBenchmark.wake consumer=lockSupport metric=p99",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "wake-to-run p50, reactor in interrupt mode",
                    "idle ThreadPoolExecutor",
                    "reactor.WakeLatencyBenchmark.wake consumer=weftInterrupt metric=p50",
                    "reactor.WakeLatencyBenchmark.wake consumer=threadPool metric=p50",
                    LOWER,
                    none()),
            row(
                            "reactor",
                            "idle cost: 2 reactors, 100 sleeping tasklets (advice 1 ms)",
                            "Agrona BackoffIdleStrategy",
                            "idle.weft-sleep metric=cpu",
                            "idle.agrona-backoff metric=cpu",
                            LOWER,
                            figure(2.0))
                    .explainedBy(Decisions.SLEEPING_REACTOR_WAKE_UPS),
            row(
                    "reactor",
                    "idle cost: 2 reactors in interrupt mode, 100 quiet tasks",
                    "Agrona BackoffIdleStrategy",
                    "idle.weft-interrupt metric=cpu",
                    "idle.agrona-backoff metric=cpu",
                    LOWER,
                    figure(0.1)),
            row(
                    "reactor",
                    "idle cost: sleep mode with Linux's default 50 µs timer slack",
                    "bare threads in parkNanos(1 ms)",
                    "idle.weft-sleep-50us metric=cpu",
                    "idle.park-floor metric=cpu",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "cross-reactor messages, burst, per message",
                    "single-thread ThreadPoolExecutor",
                    "reactor.MessagingBenchmark.burst transport=weft",
                    "reactor.MessagingBenchmark.burst transport=threadPool",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "cross-reactor messages, burst, per message",
                    "LinkedBlockingQueue hand-off",
                    "reactor.MessagingBenchmark.burst transport=weft",
                    "reactor.MessagingBenchmark.burst transport=queueHandOff",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "ping-pong between two reactors, per message",
                    "single-thread ThreadPoolExecutor",
                    "reactor.MessagingBenchmark.pingPong transport=weft",
                    "reactor.MessagingBenchmark.pingPong transport=threadPool",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "ping-pong between two reactors, per message",
                    "LinkedBlockingQueue hand-off",
                    "reactor.MessagingBenchmark.pingPong transport=weft",
                    "reactor.MessagingBenchmark.pingPong transport=queueHandOff",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "a 300 µs parkNanos with the reactors' 1 µs timer slack",
                    "Linux's default 50 µs slack",
                    "reactor.TimerSlackBenchmark.sleep300us slackNanos=1000",
                    "reactor.TimerSlackBenchmark.sleep300us slackNanos=50000",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "Reactor.stats(): a snapshot with the reactor's CPU times",
                    "ThreadMXBean user and total " + "CPU time of the thread",
                    "reactor.ReactorStatsBenchmark.stats",
                    "reactor.ReactorStatsBenchmark.threadMxBeanUserAndTotal",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "Reactor.stats(): a snapshot with the reactor's CPU times",
                    "ThreadMXBean total CPU time of the thread alone",
                    "reactor.ReactorStatsBenchmark.stats",
                    "reactor.ReactorStatsBenchmark.threadMxBeanTotal",
                    LOWER,
                    none()),
            row(
                    "reactor",
                    "paced pipeline: build and send one item (builder and transmitter polls)",
                    "the same by hand over a bare JCTools ring",
                    "reactor.PacedPipelineBenchmark.item way=pipeline",
                    "reactor.PacedPipelineBenchmark.item way=bareRing",
                    LOWER,
                    none()));

    private ReactorRows() {}
}
