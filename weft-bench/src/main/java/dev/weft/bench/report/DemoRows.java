package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.HIGHER;
import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Rows.row;
import static dev.weft.bench.report.Target.figure;
import static dev.weft.bench.report.Target.none;
import static dev.weft.bench.report.Target.ratio;

import java.util.List;

/** Part of {@link Rows}: the rows of virtual threads on strands and of the demo. */
final class DemoRows {

    static final List<Row> ROWS = List.of(
            // virtual threads carried by strands: a blocking-style TCP echo server, the same handler three ways
            row(
                    "vthreads",
                    "blocking echo server, 16 clients, round-trip p99: virtual threads on weft strands "
                            + "(target: 0.8x the default scheduler)",
                    "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-16 metric=p99",
                    "vthread-echo.default-16 metric=p99",
                    LOWER,
                    ratio(0.8)),
            row(
                            "vthreads",
                            "blocking echo server, 16 clients, server CPU per request (target: no more than the "
                                    + "default scheduler)",
                            "JDK default virtual-thread scheduler",
                            "vthread-echo.weft-16 metric=cpu",
                            "vthread-echo.default-16 metric=cpu",
                            LOWER,
                            ratio(1.0))
                    .explainedBy(Decisions.CARRIED_VTHREAD_CPU),
            row(
                    "vthreads",
                    "blocking echo server, 16 clients, round-trip p50",
                    "JDK default virtual-thread " + "scheduler",
                    "vthread-echo.weft-16 metric=p50",
                    "vthread-echo.default-16 metric=p50",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 1 client, round-trip p99",
                    "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-1 metric=p99",
                    "vthread-echo.default-1 metric=p99",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 1 client, round-trip p50",
                    "JDK default virtual-thread scheduler",
                    "vthread-echo.weft-1 metric=p50",
                    "vthread-echo.default-1 metric=p50",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 1 client, server CPU per request",
                    "JDK default virtual-thread " + "scheduler",
                    "vthread-echo.weft-1 metric=cpu",
                    "vthread-echo.default-1 metric=cpu",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 1 client, round-trip p99",
                    "a platform thread per connection",
                    "vthread-echo.weft-1 metric=p99",
                    "vthread-echo.platform-1 metric=p99",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 1 client, server CPU per request",
                    "a platform thread per connection",
                    "vthread-echo.weft-1 metric=cpu",
                    "vthread-echo.platform-1 metric=cpu",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 16 clients, round-trip p99",
                    "a platform thread per connection",
                    "vthread-echo.weft-16 metric=p99",
                    "vthread-echo.platform-16 metric=p99",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 16 clients, server CPU per request",
                    "a platform thread per connection",
                    "vthread-echo.weft-16 metric=cpu",
                    "vthread-echo.platform-16 metric=cpu",
                    LOWER,
                    none()),
            row(
                    "vthreads",
                    "blocking echo server, 16 clients, CPU per request of the JDK's platform poller threads, on strands "
                            + "(the hand-off that a custom scheduler cannot poll itself)",
                    "the whole server CPU per request on strands",
                    "vthread-echo.weft-16 metric=pollers",
                    "vthread-echo.weft-16 metric=cpu",
                    LOWER,
                    none()),
            // demo: weft against the plain-JDK way in the same run
            row(
                            "demo",
                            "media pacing error p99",
                            "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                            "demo.mediaWeft metric=pacingP99Micros",
                            "demo.mediaPlain metric=pacingP99Micros",
                            LOWER,
                            ratio(0.5))
                    .explainedBy(Decisions.TRANSMITTER_SPIN),
            row(
                    "demo",
                    "media pacing error p50",
                    "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=pacingP50Micros",
                    "demo.mediaPlain metric=pacingP50Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "media pacing error max",
                    "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=pacingMaxMicros",
                    "demo.mediaPlain metric=pacingMaxMicros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "media packets lost",
                    "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=lost",
                    "demo.mediaPlain metric=lost",
                    LOWER,
                    figure(0)),
            row(
                    "demo",
                    "media CPU per session",
                    "plain JDK (ScheduledThreadPoolExecutor, thread per socket)",
                    "demo.mediaWeft metric=cpuMillisPerSession",
                    "demo.mediaPlain metric=cpuMillisPerSession",
                    LOWER,
                    ratio(1.0)),
            row(
                    "demo",
                    "UDP echo round trip p50",
                    "plain JDK blocking echo",
                    "demo.echoWeft metric=rttP50Micros",
                    "demo.echoPlain metric=rttP50Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo round trip p99",
                    "plain JDK blocking echo",
                    "demo.echoWeft metric=rttP99Micros",
                    "demo.echoPlain metric=rttP99Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo round trip p99",
                    "plain JDK blocking echo on a virtual thread",
                    "demo.echoWeft metric=rttP99Micros",
                    "demo.echoVirtual metric=rttP99Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo round trip p99, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on the JDK's default virtual-thread scheduler",
                    "demo.echoCarried metric=rttP99Micros",
                    "demo.echoVirtual metric=rttP99Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo round trip p50, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on the JDK's default virtual-thread scheduler",
                    "demo.echoCarried metric=rttP50Micros",
                    "demo.echoVirtual metric=rttP50Micros",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo server CPU, the blocking echo on a virtual thread carried by a weft strand",
                    "the same echo on a platform thread",
                    "demo.echoCarried metric=serverCpuNanos",
                    "demo.echoPlain metric=serverCpuNanos",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "balancing phase: CPU of the media reactors",
                    "the same reactors polling all the time",
                    "demo.balancing metric=reactorCpuSeconds",
                    "demo.balancing metric=pollingCpuSeconds",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo requests lost",
                    "plain JDK blocking echo",
                    "demo.echoWeft metric=lost",
                    "demo.echoPlain metric=lost",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "UDP echo server CPU",
                    "plain JDK blocking echo",
                    "demo.echoWeft metric=serverCpuNanos",
                    "demo.echoPlain metric=serverCpuNanos",
                    LOWER,
                    none()),
            row(
                    "demo",
                    "batch fork-join: UTS trees per second beside the media",
                    "",
                    "demo.batch metric=treesPerSecond",
                    null,
                    HIGHER,
                    none()),
            row(
                    "demo",
                    "batch fork-join: UTS trees with a wrong answer",
                    "",
                    "demo.batch metric=wrong",
                    null,
                    LOWER,
                    figure(0)),
            row(
                    "demo",
                    "process tasks without an outcome",
                    "",
                    "demo.processes metric=missing",
                    null,
                    LOWER,
                    figure(0)),
            row(
                    "demo",
                    "process tasks with more than one outcome",
                    "",
                    "demo.processes metric=duplicated",
                    null,
                    LOWER,
                    figure(0)),
            row(
                    "demo",
                    "process outcomes for no submitted task",
                    "",
                    "demo.processes metric=unknown",
                    null,
                    LOWER,
                    figure(0)),
            row(
                    "demo",
                    "process tasks with a wrong answer",
                    "",
                    "demo.processes metric=wrongAnswers",
                    null,
                    LOWER,
                    figure(0)));

    private DemoRows() {}
}
