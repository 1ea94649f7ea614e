/**
 * The work-stealing micro-scheduler of Intel's Games Task Scheduler (GTS), in Java idiom.
 *
 * <ul>
 *   <li>{@link dev.weft.fork.WorkerPool}: worker threads (the creating thread is worker 0, the master, which the pool
 *       does not own), started through {@link dev.weft.platform.ThreadConfig}s, with adaptive backoff, parking, and a
 *       wake-one-random-sleeper-then-chain wakeup; per-worker user data and a per-worker task cache
 *       ({@link dev.weft.fork.TaskKind}, GTS's {@code cachableTaskSize} and {@code initialTaskCountPerWorker}), off
 *       by default because on HotSpot it costs more than allocation (see {@link dev.weft.fork.WorkerPoolConfig});</li>
 *   <li>{@link dev.weft.fork.MicroScheduler}: per-worker Chase-Lev deques per priority, JCTools MPSC affinity queues
 *       and MPMC shared queues, GTS's spawn paths and search order with priority boost, isolation between schedulers
 *       on one pool, external victims (a DAG), {@code CHECK_FOR_TASK} callbacks; its mechanisms each live in a
 *       package-private class of their own (spawn paths, local search and execution, shared queues, victim graph,
 *       callbacks, outside waits, shutdown);</li>
 *   <li>{@link dev.weft.fork.Task}: reference-counted parents and continuations, bypass, recycling, reuse through the
 *       task cache, failures passed to waiters;</li>
 *   <li>the ergonomic layer: {@link dev.weft.fork.TaskContext#fork}, {@link dev.weft.fork.Forked#join},
 *       {@link dev.weft.fork.MicroScheduler#invoke} and {@link dev.weft.fork.MicroScheduler#parallelFor}, and its
 *       opt-in demand-driven form, {@link dev.weft.fork.TaskContext#forkOnDemand} and
 *       {@link dev.weft.fork.TaskContext#hasDemand()} (a task only while another worker is hungry: lazy task
 *       creation), with a primitive form ({@link dev.weft.fork.LongForkFunction}, {@link dev.weft.fork.ForkedLong})
 *       whose inline path allocates nothing;</li>
 *   <li>{@link dev.weft.fork.ForkExecutorService}: the whole {@link java.util.concurrent.ExecutorService} contract
 *       on a pool and a scheduler.</li>
 * </ul>
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.fork;
