package dev.weft.bench.report;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a report run measures: the JMH runs, the benchmark mains and the demo, with the settings of a full and of a
 * quick run. A new JMH benchmark class needs nothing here (the first run includes every benchmark under {@code
 * dev.weft.bench}); a new main needs a line here and a parser in {@link MainOutput}.
 *
 * <p>Beside the run of every benchmark at its declared parameters (the fork engine's in a run of their own, with three
 * forks each in a full run), further JMH runs add the points the targets need that need other parameters: fib and UTS
 * T1 on one worker (spawn overhead, and the 1 → 2 worker speed-up), the large UTS trees T1L and T3L (with a 256 MiB
 * stack for every thread of both sides; an operation takes up to a minute and a half, so they run two measured
 * operations without warm-up, in two forks), and the control-plane requests with 16 client threads.
 */
public final class Plan {

    /** JMH settings of a full run, as the report states them. */
    public static final List<String> JMH_FULL = List.of("-f", "1", "-wi", "3", "-i", "5", "-w", "1s", "-r", "1s");

    /** JMH settings of a quick (smoke) run. */
    public static final List<String> JMH_QUICK = List.of("-f", "1", "-wi", "1", "-i", "1", "-w", "1s", "-r", "1s");

    /**
     * The fork engine's JMH runs take three forks in a full run, so each row is the median of three JVMs (the JIT
     * compiles the join path in a different order in each) and a target can be asked of each run.
     */
    private static final List<String> FORKS = List.of("-f", "3");

    private static final List<Source> SOURCES = List.of(
            new Source("jmh-all", Source.Kind.JMH, "dev.weft.bench.(?!fork\\.)", List.of(), List.of()),
            new Source("jmh-fork", Source.Kind.JMH, "dev.weft.bench.fork.", FORKS, List.of()),
            new Source(
                    "jmh-fib-1-worker",
                    Source.Kind.JMH,
                    "dev.weft.bench.fork.FibBenchmark.(weftContinuations|weftForkJoin|weftForkJoinLong|weftForkJoinOnDemand"
                            + "|weftForkJoinOnDemandLong|weftOnDemand|forkJoinPool|forkJoinPoolOnSurplus|sequential)$",
                    concat(List.of("-p", "workers=1"), FORKS),
                    List.of("-p", "workers=1")),
            new Source(
                    "jmh-uts-1-worker",
                    Source.Kind.JMH,
                    "dev.weft.bench.fork.UtsBenchmark.weft$",
                    concat(List.of("-p", "workers=1", "-p", "tree=T1"), FORKS),
                    List.of("-p", "workers=1", "-p", "tree=T1")),
            new Source(
                    "jmh-uts-large",
                    Source.Kind.JMH,
                    "dev.weft.bench.fork.UtsBenchmark.(weft|forkJoinPool)$",
                    List.of(
                            "-p",
                            "workers=2",
                            "-p",
                            "tree=T1L,T3L",
                            "-jvmArgsAppend",
                            "-Xss256m",
                            "-wi",
                            "0",
                            "-i",
                            "2",
                            "-f",
                            "2"),
                    List.of(
                            "-p",
                            "workers=2",
                            "-p",
                            "tree=T1L,T3L",
                            "-jvmArgsAppend",
                            "-Xss256m",
                            "-wi",
                            "0",
                            "-i",
                            "1")),
            new Source(
                    "jmh-rpc-16-clients",
                    Source.Kind.JMH,
                    "dev.weft.bench.rpc.RpcRequestBenchmark.",
                    List.of("-t", "16"),
                    List.of("-t", "16")),
            new Source("idle-cost", Source.Kind.IDLE_COST, "reactor.IdleCost", List.of("10"), List.of("1")),
            new Source("dispatch-cpu", Source.Kind.DISPATCH_CPU, "reactor.DispatchCpuCost", List.of("5"), List.of("1")),
            new Source(
                    "rpc-serve-cpu",
                    Source.Kind.RPC_SERVE_CPU,
                    "rpc.RpcServeCpuCost",
                    List.of("7", "2"),
                    List.of("1", "1")),
            new Source(
                    "rpc-reactor-throughput",
                    Source.Kind.RPC_REACTOR_THROUGHPUT,
                    "rpc.RpcReactorThroughputCost",
                    List.of("15", "1"),
                    List.of("1", "1")),
            new Source("balancing", Source.Kind.BALANCING, "balance.BalancingSavings", List.of("10"), List.of("2")),
            new Source(
                    "vthread-echo",
                    Source.Kind.VTHREAD_ECHO,
                    "reactor.VirtualThreadEcho",
                    List.of("3", "3"),
                    List.of("1", "1")),
            new Source(
                    "process-latency",
                    Source.Kind.PROCESS_LATENCY,
                    "process.ProcessLatencyMain",
                    List.of("1"),
                    List.of("1")),
            new Source("demo", Source.Kind.DEMO, "", List.of(), List.of("--seconds", "5")));

    private Plan() {}

    private static List<String> concat(final List<String> first, final List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /**
     * Every source, in the order a run measures them.
     *
     * @return the sources
     */
    public static List<Source> sources() {
        return SOURCES;
    }

    /**
     * The JMH settings for a run.
     *
     * @param quick whether it is a quick run
     * @return the settings as separate options
     */
    public static List<String> jmhSettings(final boolean quick) {
        return quick ? JMH_QUICK : JMH_FULL;
    }
}
