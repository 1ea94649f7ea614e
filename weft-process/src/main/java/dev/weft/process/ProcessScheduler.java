package dev.weft.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pantavisor's planned scheduler: takes time-consuming tasks from a main loop and runs them in worker processes, kills
 * any task that passes its timeout with SIGKILL, and hands every outcome, as JSON {@code {"type", "data"}} results or
 * as failures, to the handler registered for its type, on the main loop's own thread.
 *
 * <p>Use: build with {@link #builder()}, register one {@link OutcomeHandler} per result type, {@link #start()}, then
 * call {@link #run()} from the main loop (a reactor tasklet's poll, or any loop of your own;
 * {@link #awaitWork(Duration)} sleeps until there is something to do). {@link #submit(ProcessTask)} and
 * {@link #cancel(long)} may be called from any thread; {@code start}, {@code run}, {@code awaitWork} and {@code stop}
 * from one thread at a time (the "run thread"), never from inside a handler.
 *
 * <p><b>Implementation overview.</b> This class is the front: lifecycle, the thread rules, and the order of one
 * {@code run()} pass. The parts it drives, each in its own file:
 * <ul>
 *   <li><b>{@link Inbox}</b>: the single way in from other threads. {@code submit} checks a task on the caller's
 *       thread ({@link SubmitCheck}, so a bad one is rejected with a precise reason, delivered at the next
 *       {@code run()}), and the pumps and the process reaper post what they see of the children. Every piece of
 *       scheduler state has the run thread as its one writer, so {@code run()} takes no lock and never blocks.</li>
 *   <li><b>{@link WaitingTasks}</b>: the queue bound and two {@link TaskQueue}s (priority, FIFO within a priority,
 *       aging so that a low priority cannot starve).</li>
 *   <li><b>{@link WorkerSlots}</b>: worker JVMs ({@link WorkerMain}) from start and handshake to reaping and
 *       replacement with backoff; a worker that dies on its own fails only its task, as
 *       {@link Outcome.WorkerCrashed}.</li>
 *   <li><b>{@link CommandSlots}</b>: command tasks as child processes, each leading its own process group.</li>
 *   <li><b>{@link Launcher}</b>: the scheduler's own thread that forks and execs workers and commands, so that the
 *       run thread (a reactor) never waits for a process start; it posts each start, or its failure, to the inbox.
 *       A slot being started counts as taken, and a task whose command is starting can already be cancelled or
 *       time out: the process is killed as soon as it is reported started.</li>
 *   <li><b>{@link InlineRunner}</b>: with zero workers, tasks run on the run thread, {@code inlinePerRun} per call;
 *       commands still get their timeout and SIGKILL, a Java function that overruns is reported as
 *       {@link Outcome.TimedOut} (not killed) when it returns.</li>
 *   <li><b>{@link Outcomes}</b>: outcomes are counted when reached and handed to their type's handler at the end of
 *       the pass.</li>
 * </ul>
 * One pass: drain the inbox; kill every task at or past its deadline; refill empty worker slots; dispatch waiting
 * tasks (or run some inline); deliver outcomes. Timeouts follow upstream ({@code tsh}: 0 means the default, 60 s,
 * -1 none) and are measured on the scheduler's clock ({@link ProcessSchedulerBuilder#clock(LongSupplier)},
 * {@link System#nanoTime()} unless a test injects another): a task is killed by the first {@code run()} at or after its
 * deadline, and {@link Outcome.TimedOut#late()} says how late that was. {@link #adviseSleepNanos()} tells a loop how
 * long it may sleep before the next deadline, so kills land close to it without busy polling.
 *
 * <p><b>Stop</b> is upstream's lenient-then-forced kill: outstanding tasks are cancelled, every child that ran a task
 * gets SIGTERM (workers also see their stdin close) and 5 × 1 s to exit, survivors get SIGKILL and all are
 * reaped; then the scheduler's cgroup, if it has one, is killed and removed ({@link Containment}). No child outlives
 * this JVM: a child's process group is killed when the child exits (unless turned off), a shutdown hook kills them
 * on a normal exit ({@link ChildRegistry}); if the JVM is killed with SIGKILL, workers notice their parent is gone
 * and exit, and {@link ParentDeathGuard} kills the commands' process groups and the schedulers' cgroups.
 *
 * <p>{@link #run()} returns how much work it did (0 when idle), so it can serve as a reactor tasklet's poll.
 */
public final class ProcessScheduler implements AutoCloseable {

    private static final int INBOX_BATCH = 4096;
    private static final String STOPPED_WAITING = "scheduler stopped before the task ran";
    private static final String STOPPED_RUNNING = "scheduler stopped while the task ran";

    private enum Lifecycle {
        NEW,
        STARTED,
        STOPPED
    }

    private final int workerCount;
    private final int inlinePerRun;
    private final long stopGraceNanos;
    private final long defaultTimeoutNanos;
    private final ClassLoader classLoader;
    private final LongSupplier clock;
    private final JsonMapper json;

    private final Inbox inbox;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private final RunThread runThread = new RunThread();
    private final Launcher launcher;
    private final Containment containment;
    private volatile Lifecycle lifecycle = Lifecycle.NEW;
    private volatile ProcessSchedulerStats stats = new ProcessSchedulerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final WaitingTasks waiting;
    private final Outcomes outcomes;
    private final WorkerSlots workers;
    private final CommandSlots commands;
    private final InlineRunner inline;

    ProcessScheduler(final ProcessSchedulerBuilder builder) {
        this.workerCount = builder.workers;
        this.inlinePerRun = builder.inlinePerRun;
        this.stopGraceNanos = builder.stopInterval.toNanos() * builder.stopChecks;
        this.defaultTimeoutNanos = builder.defaultTimeout.toNanos();
        this.classLoader = builder.classLoader;
        this.clock = builder.clock;
        this.json = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        this.inbox = new Inbox(builder.wakeup);
        this.waiting = new WaitingTasks(workerCount == 0, builder.queueCapacity, builder.aging.toNanos());
        this.outcomes = new Outcomes(builder.handlers, builder.fallbackHandler);
        this.launcher = new Launcher("weft-process-launcher", builder.launchGate);
        this.containment = new Containment(builder.killGroupOnExit);
        this.workers = new WorkerSlots(
                workerCount,
                builder.workerCommand(),
                builder.stderrTailBytes,
                builder.startTimeout.toNanos(),
                new RestartBackoff(workerCount, builder.backoffInitial.toNanos(), builder.backoffMax.toNanos()),
                builder.workerStartAttempts,
                json,
                inbox::post,
                outcomes,
                runThread,
                launcher,
                containment);
        this.commands = new CommandSlots(
                builder.commandSlots > 0 ? builder.commandSlots : Math.max(1, workerCount),
                builder.stderrTailBytes,
                json,
                inbox::post,
                outcomes,
                runThread,
                launcher,
                containment);
        this.inline = new InlineRunner(new FunctionLoader(classLoader), json, builder.stderrTailBytes, clock);
    }

    /**
     * Starts building a scheduler.
     *
     * @return a builder with 0 workers, a queue of 1024, a 60 s default timeout, 1 inline task per run and 1 s aging
     */
    public static ProcessSchedulerBuilder builder() {
        return new ProcessSchedulerBuilder();
    }

    /**
     * Starts the worker processes; they become ready (handshake) while {@link #run()} is being called.
     *
     * @throws IllegalStateException if already started or stopped, or called concurrently with {@code run()}
     */
    public void start() {
        enter();
        try {
            if (lifecycle != Lifecycle.NEW) {
                throw new IllegalStateException(
                        "ProcessScheduler.start(): already " + lifecycle.name().toLowerCase(Locale.ROOT));
            }
            lifecycle = Lifecycle.STARTED;
            launcher.start();
            launcher.execute(containment::open);
            workers.refill(clock.getAsLong());
            launcher.execute(OutcomeEvents::prepare);
            publishStats();
        } finally {
            leave();
        }
    }

    /**
     * Whether {@link #start()} was called (the scheduler may have stopped since).
     *
     * @return true once started
     */
    public boolean isStarted() {
        return lifecycle != Lifecycle.NEW;
    }

    /**
     * Submits a task and returns its handle at once: its id and the future of its outcome. The task is checked here,
     * on the caller's thread; a task that fails a check (blank type, unknown function or command, invalid JSON input,
     * bad timeout, queue full) still gets an id, and its {@link Outcome.Rejected} outcome, naming the problem, is
     * delivered at the next {@link #run()}. The outcome reaches the type's handler and then completes the handle's
     * future, both on the run thread. Thread-safe.
     *
     * @param task the task
     * @return the task's handle; its id is unique in this scheduler
     * @throws IllegalStateException if the scheduler was stopped (no outcome could be delivered any more)
     */
    public TaskHandle submit(final ProcessTask task) {
        Objects.requireNonNull(task, "task");
        submitsInFlight.incrementAndGet();
        try {
            if (lifecycle == Lifecycle.STOPPED) {
                throw new IllegalStateException(
                        "ProcessScheduler.submit(" + task.type() + "): the scheduler is stopped");
            }
            final long id = ids.incrementAndGet();
            final OutcomeFuture future = new OutcomeFuture(id, this::cancel);
            QueuedTask accepted = null;
            String problem;
            try {
                accepted = SubmitCheck.check(id, task, json, classLoader, defaultTimeoutNanos, clock.getAsLong());
                problem = null;
            } catch (final IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (accepted != null && !waiting.reserve()) {
                accepted = null;
                problem = "queue full: " + waiting.capacity() + " tasks are waiting (queueCapacity "
                        + waiting.capacity() + ")";
            }
            inbox.post(
                    accepted != null
                            ? new Event.Submitted(accepted, future)
                            : new Event.Refused(new Outcome.Rejected(id, task.type(), problem), future));
            return new TaskHandle(id, future);
        } finally {
            submitsInFlight.decrementAndGet();
        }
    }

    /**
     * Asks for a task to be cancelled: a waiting task is dropped, a running one has its process killed (a worker is
     * then replaced). Either way its outcome is {@link Outcome.Cancelled}. A task that already ended, or an unknown
     * id, is left alone. Thread-safe; takes effect at the next {@link #run()}.
     *
     * @param id the task id
     */
    public void cancel(final long id) {
        inbox.post(new Event.Cancel(id));
    }

    /**
     * Does what is due without waiting: takes in submissions, cancellations and what the child processes reported,
     * kills tasks at or past their deadline, refills worker slots, hands waiting tasks to idle workers (or, with zero
     * workers, runs up to {@code inlinePerRun} of them inline), then calls the handlers of all outcomes reached.
     * This is a tasklet's poll: call it from the main loop. It never waits for a child and never starts one: workers
     * and commands are started by the scheduler's launcher thread. With zero workers it does run tasks inline, which
     * is what that mode is for.
     *
     * @return how much work it did (events handled, tasks dispatched, outcomes delivered); 0 when idle
     * @throws IllegalStateException if not started, already stopped, or called concurrently or from a handler
     */
    public int run() {
        enter();
        try {
            if (lifecycle != Lifecycle.STARTED) {
                throw new IllegalStateException("ProcessScheduler.run(): the scheduler is "
                        + lifecycle.name().toLowerCase(Locale.ROOT) + ", call start() first");
            }
            int work = drainInbox();
            final long now = clock.getAsLong();
            work += workers.enforceDeadlines(now) + commands.enforceDeadlines(now);
            work += workers.refill(now);
            if (workerCount == 0) {
                work += inline.runQueued(waiting, inlinePerRun, outcomes);
            } else {
                work += workers.dispatch(waiting, now) + commands.dispatch(waiting, now);
            }
            work += outcomes.deliver();
            if (work > 0) {
                publishStats();
            }
            return work;
        } finally {
            leave();
        }
    }

    /**
     * Returns how long the run thread may sleep before {@link #run()} has something to do that no event will
     * announce: the next task deadline, handshake deadline or worker restart. Events (results, exits, submissions)
     * wake {@link #awaitWork(Duration)} and call the builder's wakeup hook, so they need no polling. For a reactor
     * this is the tasklet's sleep advice. Call it from the run thread.
     *
     * @return nanoseconds, 0 if {@code run()} has work now, {@link Long#MAX_VALUE} if nothing is timed
     */
    public long adviseSleepNanos() {
        if (runThread.isCurrent()) {
            return advice();
        }
        enter();
        try {
            return advice();
        } finally {
            leave();
        }
    }

    private long advice() {
        if (!inbox.isEmpty() || (workerCount == 0 && waiting.functionsWaiting() > 0)) {
            return 0;
        }
        final long now = clock.getAsLong();
        return Math.min(
                workers.untilNextDeadline(now, waiting.functionsWaiting() > 0),
                commands.untilNextDeadline(now, waiting.commandsWaiting() > 0));
    }

    /**
     * For a loop of your own: sleeps until an event arrives (a result, an exit, a submission, a cancellation) or
     * {@link #adviseSleepNanos()} passes, at most {@code max}. Call it from the run thread, between calls to
     * {@link #run()}.
     *
     * @param max the longest sleep
     * @return true if woken by an event or a due deadline, false if {@code max} passed
     * @throws InterruptedException if interrupted while sleeping
     */
    public boolean awaitWork(final Duration max) throws InterruptedException {
        enter();
        try {
            final long advice = advice();
            if (advice == 0) {
                return true;
            }
            final long limit = max.toNanos();
            return inbox.await(Math.min(advice, limit)) || advice <= limit;
        } finally {
            leave();
        }
    }

    /**
     * Stops the scheduler: waiting and running tasks end {@link Outcome.Cancelled}; the processes that ran a task
     * get SIGTERM (workers also see their stdin close) and up to 5 s (configurable) to exit, then SIGKILL; workers
     * without a task are SIGKILLed at once; every child's process group is SIGKILLed once the child has exited, and
     * all are reaped. Nothing polls or sleeps a fixed time: an idle scheduler stops as fast as its workers die. The
     * handlers of the outcomes reached are called on this thread before it returns. Idempotent.
     *
     * @throws IllegalStateException if called concurrently with {@code run()} or from a handler
     */
    public void stop() {
        enter();
        try {
            if (lifecycle == Lifecycle.STOPPED) {
                return;
            }
            final boolean wasStarted = lifecycle == Lifecycle.STARTED;
            lifecycle = Lifecycle.STOPPED;
            while (submitsInFlight.get() != 0) {
                Thread.onSpinWait();
            }
            launcher.close();
            drainAll();
            cancelAll();
            final List<Process> children = new ArrayList<>(workers.terminateAll());
            children.addAll(commands.terminateAll());
            if (wasStarted) {
                ProcessTrees.awaitOrKill(children, stopGraceNanos);
            }
            containment.close();
            drainInbox();
            cancelAll();
            outcomes.deliver();
            publishStats();
        } finally {
            leave();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Returns the latest snapshot of counters, published by the run thread after each {@code run()} that did work.
     * Thread-safe.
     *
     * @return the snapshot
     */
    public ProcessSchedulerStats stats() {
        return stats;
    }

    /**
     * Returns the pids of the live child processes (workers and commands). Where process groups are available each
     * child is the leader of its group, with the worker JVM or the command running under it. Call it from the run
     * thread; meant for tests and diagnostics.
     *
     * @return the pids
     */
    public List<Long> childPids() {
        enter();
        try {
            final List<Long> pids = new ArrayList<>();
            workers.addLivePids(pids);
            commands.addLivePids(pids);
            return pids;
        } finally {
            leave();
        }
    }

    /**
     * The scheduler's cgroup, where it has one (see {@link Containment}); for tests and diagnostics.
     *
     * @return its directory
     */
    java.util.Optional<java.nio.file.Path> cgroup() {
        return containment.cgroup();
    }

    private void enter() {
        runThread.enter();
    }

    private void leave() {
        runThread.leave();
    }

    /** Drains the inbox until a pass finds less than a full batch (every start the launcher made is in it). */
    private void drainAll() {
        int drained;
        do {
            drained = drainInbox();
        } while (drained == INBOX_BATCH);
    }

    private int drainInbox() {
        int handled = 0;
        Event event;
        while (handled < INBOX_BATCH && (event = inbox.poll()) != null) {
            handle(event);
            handled++;
        }
        return handled;
    }

    private void handle(final Event event) {
        switch (event) {
            case Event.Submitted submitted -> {
                outcomes.track(submitted.task().id(), submitted.future());
                if (lifecycle == Lifecycle.STOPPED) {
                    waiting.release();
                    outcomes.emit(new Outcome.Cancelled(
                            submitted.task().id(), submitted.task().type(), STOPPED_WAITING));
                } else {
                    waiting.add(submitted.task());
                }
            }
            case Event.Refused refused -> {
                outcomes.track(refused.outcome().id(), refused.future());
                outcomes.emit(refused.outcome());
            }
            case Event.Cancel cancel -> cancelTask(cancel.id());
            case Event.WorkerLaunched launched ->
                workers.onLaunched(launched.slot(), launched.worker(), launched.failure(), clock.getAsLong());
            case Event.CommandLaunched launched ->
                commands.onLaunched(launched.launch(), launched.run(), launched.failure());
            case Event.WorkerMessage message ->
                workers.onMessage(message.worker(), message.message(), clock.getAsLong());
            case Event.WorkerBroken broken -> workers.onBroken(broken.worker(), broken.problem());
            case Event.WorkerExited exited -> workers.onExited(exited.worker(), exited.status(), clock.getAsLong());
            case Event.CommandExited exited -> commands.onExited(exited.run(), exited.exit(), clock.getAsLong());
        }
    }

    private void cancelTask(final long id) {
        final QueuedTask queued = waiting.remove(id);
        if (queued != null) {
            outcomes.emit(new Outcome.Cancelled(id, queued.type(), "cancelled while waiting to run"));
        } else if (!workers.cancel(id)) {
            commands.cancel(id);
        }
    }

    private void cancelAll() {
        for (final QueuedTask task : waiting.drain()) {
            outcomes.emit(new Outcome.Cancelled(task.id(), task.type(), STOPPED_WAITING));
        }
        workers.cancelRunning(STOPPED_RUNNING);
        commands.cancelRunning(STOPPED_RUNNING);
    }

    private void publishStats() {
        stats = outcomes.stats(
                waiting.size(),
                workers.running() + commands.running(),
                workers.ready(),
                workers.starts(),
                workers.crashes());
    }
}
