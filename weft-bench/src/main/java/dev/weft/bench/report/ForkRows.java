package dev.weft.bench.report;

import static dev.weft.bench.report.Direction.LOWER;
import static dev.weft.bench.report.Rows.row;
import static dev.weft.bench.report.Target.none;
import static dev.weft.bench.report.Target.ratio;
import static dev.weft.bench.report.Target.ratioInEveryRun;

import java.util.List;

/** Part of {@link Rows}: the fork engine's rows: each against ForkJoinPool with the same parallelism. */
final class ForkRows {

    static final List<Row> ROWS = List.of(
            // fork: each against ForkJoinPool with the same parallelism; times per operation
            row(
                            "fork",
                            "fib(30) continuations (GTS style), 2 workers (target: within ForkJoinPool's textbook time)",
                            "ForkJoinPool",
                            "fork.FibBenchmark.weftContinuations workers=2",
                            "fork.FibBenchmark.forkJoinPool workers=2",
                            LOWER,
                            ratio(1.0))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                    "fork",
                    "fib(30), continuations without task reuse (caching off), 2 workers",
                    "ForkJoinPool",
                    "fork.FibBenchmark.weftContinuationsWithoutReuse workers=2",
                    "fork.FibBenchmark.forkJoinPool workers=2",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "textbook fib(30) through the fork/join layer, 2 workers (target: 0.8× ForkJoinPool's time in each of 3 runs)",
                            "ForkJoinPool",
                            "fork.FibBenchmark.weftForkJoin workers=2",
                            "fork.FibBenchmark.forkJoinPool workers=2",
                            LOWER,
                            ratioInEveryRun(0.8, 3))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "textbook fib(30) through the fork/join layer, 1 worker: spawn cost (target: 0.8× "
                                    + "ForkJoinPool's time)",
                            "ForkJoinPool",
                            "fork.FibBenchmark.weftForkJoin workers=1",
                            "fork.FibBenchmark.forkJoinPool workers=1",
                            LOWER,
                            ratio(0.8))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "textbook fib(30) through the primitive fork (fork(LongForkFunction, long)), 2 workers (target: "
                                    + "0.8× ForkJoinPool's time in each of 3 runs)",
                            "ForkJoinPool",
                            "fork.FibBenchmark.weftForkJoinLong workers=2",
                            "fork.FibBenchmark.forkJoinPool workers=2",
                            LOWER,
                            ratioInEveryRun(0.8, 3))
                    .explainedBy(Decisions.JOIN_PATH_INLINING),
            row(
                            "fork",
                            "textbook fib(30) through the primitive fork, 1 worker: spawn cost (target: 0.8× "
                                    + "ForkJoinPool's time)",
                            "ForkJoinPool",
                            "fork.FibBenchmark.weftForkJoinLong workers=1",
                            "fork.FibBenchmark.forkJoinPool workers=1",
                            LOWER,
                            ratio(0.8))
                    .explainedBy(Decisions.JOIN_PATH_INLINING),
            row(
                    "fork",
                    "textbook fib(30), 1 worker, against plain recursion",
                    "sequential recursion",
                    "fork.FibBenchmark.weftForkJoin workers=1",
                    "fork.FibBenchmark.sequential workers=1",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "textbook fib(30) on a scheduler with three priorities (only 0 used), 2 workers: unused "
                                    + "priorities cost nothing",
                            "the same with one priority",
                            "fork.FibBenchmark.weftForkJoinThreePriorities workers=2",
                            "fork.FibBenchmark.weftForkJoin workers=2",
                            LOWER,
                            ratio(1.05))
                    .explainedBy(Decisions.UNUSED_PRIORITIES),
            row(
                            "fork",
                            "spawn overhead: fib(30) at threshold 1 on 1 worker",
                            "sequential recursion",
                            "fork.FibBenchmark.weftContinuations workers=1",
                            "fork.FibBenchmark.sequential workers=1",
                            LOWER,
                            ratio(2.0))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                    "fork",
                    "fib(30), 2 workers, against plain recursion",
                    "sequential recursion",
                    "fork.FibBenchmark.weftContinuations workers=2",
                    "fork.FibBenchmark.sequential workers=2",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "fib(30), demand-driven fork/join (forkOnDemand: a task only for a hungry worker), 2 workers",
                            "ForkJoinPool forking on surplus <= 3",
                            "fork.FibBenchmark.weftForkJoinOnDemand workers=2",
                            "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2",
                            LOWER,
                            ratio(1 / 1.3))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "fib(30), demand-driven fork/join, long form (forkOnDemand(LongForkFunction, long)), 2 "
                                    + "workers",
                            "ForkJoinPool forking on surplus <= 3",
                            "fork.FibBenchmark.weftForkJoinOnDemandLong workers=2",
                            "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2",
                            LOWER,
                            ratio(1 / 1.3))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "fib(30), demand-driven splitting (fork only while hasDemand()), 2 workers",
                            "ForkJoinPool forking on surplus <= 3",
                            "fork.FibBenchmark.weftOnDemand workers=2",
                            "fork.FibBenchmark.forkJoinPoolOnSurplus workers=2",
                            LOWER,
                            ratio(1 / 1.3))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "fib(30), demand-driven splitting (fork only while hasDemand()), 2 workers",
                            "ForkJoinPool, textbook (always fork)",
                            "fork.FibBenchmark.weftOnDemand workers=2",
                            "fork.FibBenchmark.forkJoinPool workers=2",
                            LOWER,
                            none())
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "spawn overhead, demand-driven fork/join (forkOnDemand): fib(30) on 1 worker",
                            "sequential recursion",
                            "fork.FibBenchmark.weftForkJoinOnDemand workers=1",
                            "fork.FibBenchmark.sequential workers=1",
                            LOWER,
                            ratio(2.0))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "spawn overhead, demand-driven fork/join, long form: fib(30) on 1 worker",
                            "sequential recursion",
                            "fork.FibBenchmark.weftForkJoinOnDemandLong workers=1",
                            "fork.FibBenchmark.sequential workers=1",
                            LOWER,
                            ratio(2.0))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                            "fork",
                            "spawn overhead, demand-driven splitting (hasDemand()): fib(30) on 1 worker",
                            "sequential recursion",
                            "fork.FibBenchmark.weftOnDemand workers=1",
                            "fork.FibBenchmark.sequential workers=1",
                            LOWER,
                            ratio(2.0))
                    .explainedBy(Decisions.LAMBDA_AND_CONTINUATIONS),
            row(
                    "fork",
                    "spawn overhead of ForkJoinPool forking on surplus <= 3: fib(30) on 1 worker",
                    "sequential recursion",
                    "fork.FibBenchmark.forkJoinPoolOnSurplus workers=1",
                    "fork.FibBenchmark.sequential workers=1",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "fib(30) from the per-worker task cache, 2 workers",
                    "the same with the cache off",
                    "fork.TaskCacheBenchmark.cacheOn",
                    "fork.TaskCacheBenchmark.cacheOff",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "fib(30) from the per-worker task cache, 2 workers",
                    "sequential recursion",
                    "fork.TaskCacheBenchmark.cacheOn",
                    "fork.TaskCacheBenchmark.sequential",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "fib(30) from the per-worker task cache, 2 workers",
                    "ForkJoinPool",
                    "fork.TaskCacheBenchmark.cacheOn",
                    "fork.TaskCacheBenchmark.forkJoinPool",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "N-Queens(12) through the fork/join layer, 2 workers (target: 1.1× ForkJoinPool's throughput)",
                            "ForkJoinPool",
                            "fork.NQueensBenchmark.weft",
                            "fork.NQueensBenchmark.forkJoinPool",
                            LOWER,
                            ratio(1 / 1.1))
                    .explainedBy(Decisions.NQUEENS_STYLE),
            row(
                    "fork",
                    "N-Queens(12), continuations (GTS style), 2 workers",
                    "ForkJoinPool",
                    "fork.NQueensBenchmark.weftContinuations",
                    "fork.NQueensBenchmark.forkJoinPool",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "UTS T1 (4.1 M nodes), 2 workers (target: 1.1× ForkJoinPool's throughput)",
                            "ForkJoinPool",
                            "fork.UtsBenchmark.weft tree=T1 workers=2",
                            "fork.UtsBenchmark.forkJoinPool tree=T1 workers=2",
                            LOWER,
                            ratio(1 / 1.1))
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T3 (4.1 M nodes, depth 1572), 2 workers (target: 1.1× ForkJoinPool's throughput)",
                            "ForkJoinPool",
                            "fork.UtsBenchmark.weft tree=T3 workers=2",
                            "fork.UtsBenchmark.forkJoinPool tree=T3 workers=2",
                            LOWER,
                            ratio(1 / 1.1))
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T1L (102 M nodes), 2 workers, 256 MiB stacks (target: 1.1× ForkJoinPool's throughput)",
                            "ForkJoinPool",
                            "fork.UtsBenchmark.weft tree=T1L workers=2",
                            "fork.UtsBenchmark.forkJoinPool tree=T1L workers=2",
                            LOWER,
                            ratio(1 / 1.1))
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T3L (111 M nodes, depth 17,844), 2 workers, 256 MiB stacks (target: 1.1× "
                                    + "ForkJoinPool's throughput)",
                            "ForkJoinPool",
                            "fork.UtsBenchmark.weft tree=T3L workers=2",
                            "fork.UtsBenchmark.forkJoinPool tree=T3L workers=2",
                            LOWER,
                            ratio(1 / 1.1))
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                    "fork",
                    "N-Queens(12), weft on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                    "sequential, one thread",
                    "fork.NQueensBenchmark.weft",
                    "fork.NQueensBenchmark.sequential",
                    LOWER,
                    none()),
            row(
                    "fork",
                    "N-Queens(12), ForkJoinPool on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                    "sequential, one thread",
                    "fork.NQueensBenchmark.forkJoinPool",
                    "fork.NQueensBenchmark.sequential",
                    LOWER,
                    none()),
            row(
                            "fork",
                            "UTS T1, weft on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                            "sequential, one thread",
                            "fork.UtsBenchmark.weft tree=T1 workers=2",
                            "fork.UtsBenchmark.sequential tree=T1 workers=2",
                            LOWER,
                            none())
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T1, ForkJoinPool on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                            "sequential, one thread",
                            "fork.UtsBenchmark.forkJoinPool tree=T1 workers=2",
                            "fork.UtsBenchmark.sequential tree=T1 workers=2",
                            LOWER,
                            none())
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T3, weft on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                            "sequential, one thread",
                            "fork.UtsBenchmark.weft tree=T3 workers=2",
                            "fork.UtsBenchmark.sequential tree=T3 workers=2",
                            LOWER,
                            none())
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T3, ForkJoinPool on 2 workers against the same work on one thread (0.5 is a perfect scheduler)",
                            "sequential, one thread",
                            "fork.UtsBenchmark.forkJoinPool tree=T3 workers=2",
                            "fork.UtsBenchmark.sequential tree=T3 workers=2",
                            LOWER,
                            none())
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                            "fork",
                            "UTS T1 speed-up from 1 to 2 workers (target: 1.8×)",
                            "weft on 1 worker",
                            "fork.UtsBenchmark.weft tree=T1 workers=2",
                            "fork.UtsBenchmark.weft tree=T1 workers=1",
                            LOWER,
                            ratio(1 / 1.8))
                    .explainedBy(Decisions.UTS_BOUND),
            row(
                    "fork",
                    "parallel-for over 1 M elements, grain 1024, 2 workers",
                    "ForkJoinPool",
                    "fork.ParallelForBenchmark.weft",
                    "fork.ParallelForBenchmark.forkJoinPool",
                    LOWER,
                    none()));

    private ForkRows() {}
}
