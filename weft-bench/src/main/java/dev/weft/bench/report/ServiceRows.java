package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.HIGHER;
import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Rows.row;
import static dev.weft.bench.report.Target.figure;
import static dev.weft.bench.report.Target.none;
import static dev.weft.bench.report.Target.ratio;

import java.util.List;

/** Part of {@link Rows}: the rows of the platform, the balancers and the process scheduler. */
final class ServiceRows {

    static final List<Row> ROWS = List.of(
            // platform (foundation)
            row(
                    "platform",
                    "which CPU am I on: sched_getcpu through FFM",
                    "reading /proc/thread-self/stat",
                    "platform.CurrentCpuBenchmark.ffm",
                    "platform.CurrentCpuBenchmark.procfs",
                    LOWER,
                    none()),
            // balance: dynamic against static, same 32 bursty strands
            row(
                    "balance",
                    "CPU time of 32 bursty strands under dynamic",
                    "static balancer",
                    "balance.dynamic metric=cpu",
                    "balance.static metric=cpu",
                    LOWER,
                    ratio(0.60)),
            row(
                    "balance",
                    "work done by 32 bursty strands under dynamic",
                    "static balancer",
                    "balance.dynamic metric=work",
                    "balance.static metric=work",
                    HIGHER,
                    ratio(0.95)),
            // process
            row(
                    "process",
                    "warm worker round trip p50, run() spinning (JMH)",
                    "fork/exec of /bin/true",
                    "process.ProcessRoundTripBenchmark.warmWorker metric=p50",
                    "process.ProcessRoundTripBenchmark.forkExecTrue metric=p50",
                    LOWER,
                    figure(300)),
            row(
                    "process",
                    "warm worker round trip p99, run() spinning (JMH)",
                    "fresh java process per task",
                    "process.ProcessRoundTripBenchmark.warmWorker metric=p99",
                    "process.ProcessRoundTripBenchmark.freshJava metric=p99",
                    LOWER,
                    none()),
            row(
                    "process",
                    "warm worker round trip p50, run() spinning",
                    "fork/exec of /bin/true",
                    "process-latency.warm-worker-run-spinning metric=p50",
                    "process-latency.fork-exec-bin-true-anchor metric=p50",
                    LOWER,
                    figure(300)),
            row(
                    "process",
                    "warm worker round trip p50, awaitWork() sleeping",
                    "fresh java process per task",
                    "process-latency.warm-worker-awaitwork-sleeping metric=p50",
                    "process-latency.fresh-java-per-task-anchor metric=p50",
                    LOWER,
                    none()),
            row(
                    "process",
                    "hung task killed, lateness past its deadline, p99",
                    "",
                    "process-latency.kill-lateness*" + " metric=p99",
                    null,
                    LOWER,
                    figure(20_000)),
            row(
                    "process",
                    "hung task killed: how late the kill was ordered past its deadline, p99 (the rest of the "
                            + "lateness is the kill and the reaping)",
                    "",
                    "process-latency.of-which-until-the-kill-was-ordered-late metric=p99",
                    null,
                    LOWER,
                    none()),
            row(
                    "process",
                    "trivial tasks per second, 2 workers, run thread spinning",
                    "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=2 driver=spin",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=spin",
                    HIGHER,
                    figure(5_000)),
            row(
                    "process",
                    "trivial tasks per second, 2 workers, run thread sleeping",
                    "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=2 driver=sleep",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=sleep",
                    HIGHER,
                    figure(5_000)),
            row(
                    "process",
                    "trivial tasks per second, 1 worker, run thread spinning",
                    "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=1 driver=spin",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=spin",
                    HIGHER,
                    none()),
            row(
                    "process",
                    "trivial tasks per second, 1 worker, run thread sleeping",
                    "inline (0 workers, no IPC)",
                    "process.ProcessThroughputBenchmark.tasks workers=1 driver=sleep",
                    "process.ProcessThroughputBenchmark.tasks workers=0 driver=sleep",
                    HIGHER,
                    none()));

    private ServiceRows() {}
}
