/**
 * Process tasks (Pantavisor's scheduler plan): a {@link dev.weft.process.ProcessScheduler} driven by a
 * non-blocking {@code run()} from a main loop (or a reactor tasklet), which sends time-consuming
 * {@link dev.weft.process.ProcessTask}s to pre-started worker JVMs ({@link dev.weft.process.WorkerMain}, running
 * {@link dev.weft.process.TaskFunction}s over a length-prefixed JSON protocol) or runs them as child commands,
 * orders them by priority with aging, kills any that pass their timeout with SIGKILL (upstream {@code tsh} rules:
 * 0 → 60 s, -1 → none), stops workers with SIGTERM, 5 × 1 s liveness checks and SIGKILL, and reports exactly one
 * {@link dev.weft.process.Outcome} per task to the {@link dev.weft.process.OutcomeHandler} of its result type, on
 * the main loop's thread. With zero workers, tasks run inline, a few per {@code run()}. No child outlives the JVM:
 * a shutdown hook kills them on exit, and if the JVM is killed with SIGKILL, workers exit on their own and a
 * parent-death guard process kills the commands' process groups.
 * {@link dev.weft.process.ProcessSchedulerTasklet} puts a scheduler on a reactor strand, its {@code run()} as the
 * tasklet's poll and its events as a signal that wakes the reactor.
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.process;
