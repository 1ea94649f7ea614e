package dev.weft.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 003's scheduler: takes time-consuming tasks from a main loop and runs them in worker processes, kills any task
 * that passes its timeout with SIGKILL, and hands every outcome, as JSON {@code {"type", "data"}} results or as
 * failures, to the handler registered for its type, on the main loop's own thread.
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
 *   <li><b>{@link InlineRunner}</b>: with zero workers, tasks run on the run thread, {@code inlinePerRun} per call;
 *       commands still get their timeout and SIGKILL, a Java function that overruns is reported as
 *       {@link Outcome.TimedOut} (not killed) when it returns.</li>
 *   <li><b>{@link Outcomes}</b>: outcomes are counted when reached and handed to their type's handler at the end of
 *       the pass.</li>
 * </ul>
 * One pass: drain the inbox; kill every task at or past its deadline; refill empty worker slots; dispatch waiting
 * tasks (or run some inline); deliver outcomes. Timeouts follow upstream ({@code tsh}: 0 means the default, 60 s,
 * -1 none) and are measured on the scheduler's clock ({@link Builder#clock(LongSupplier)}, {@link System#nanoTime()}
 * unless a test injects another): a task is killed by the first {@code run()} at or after its deadline, and
 * {@link Outcome.TimedOut#late()} says how late that was. {@link #adviseSleepNanos()} tells a loop how long it may
 * sleep before the next deadline, so kills land close to it without busy polling.
 *
 * <p><b>Stop</b> is upstream's lenient-then-forced kill: outstanding tasks are cancelled, every child gets SIGTERM
 * (workers also see their stdin close), liveness is checked 5 times 1 s apart, survivors get SIGKILL and all are
 * reaped. No child outlives this JVM: a shutdown hook kills them on a normal exit ({@link ChildRegistry}); if the JVM
 * is killed with SIGKILL, workers notice their parent is gone and exit, and {@link ParentDeathGuard} kills the
 * commands' process groups.
 *
 * <p>{@link #run()} returns how much work it did (0 when idle), so it can serve as a reactor tasklet's poll.
 */
public final class ProcessScheduler implements AutoCloseable {

    private static final int INBOX_BATCH = 4096;
    private static final String STOPPED_WAITING = "scheduler stopped before the task ran";
    private static final String STOPPED_RUNNING = "scheduler stopped while the task ran";

    private enum Lifecycle { NEW, STARTED, STOPPED }

    private final int workerCount;
    private final int inlinePerRun;
    private final int stopChecks;
    private final long stopIntervalNanos;
    private final long defaultTimeoutNanos;
    private final ClassLoader classLoader;
    private final LongSupplier clock;
    private final JsonMapper json;

    private final Inbox inbox;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private final AtomicBoolean entered = new AtomicBoolean();
    private volatile Lifecycle lifecycle = Lifecycle.NEW;
    private volatile ProcessSchedulerStats stats = new ProcessSchedulerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final WaitingTasks waiting;
    private final Outcomes outcomes;
    private final WorkerSlots workers;
    private final CommandSlots commands;
    private final InlineRunner inline;

    private ProcessScheduler(final Builder builder) {
        this.workerCount = builder.workers;
        this.inlinePerRun = builder.inlinePerRun;
        this.stopChecks = builder.stopChecks;
        this.stopIntervalNanos = builder.stopInterval.toNanos();
        this.defaultTimeoutNanos = builder.defaultTimeout.toNanos();
        this.classLoader = builder.classLoader;
        this.clock = builder.clock;
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        this.inbox = new Inbox(builder.wakeup);
        this.waiting = new WaitingTasks(workerCount == 0, builder.queueCapacity, builder.aging.toNanos());
        this.outcomes = new Outcomes(builder.handlers, builder.fallbackHandler);
        final List<String> command = new ArrayList<>();
        command.add(builder.javaCommand.toString());
        command.addAll(builder.workerJvmOptions);
        command.add("-cp");
        command.add(builder.classPath);
        command.add(WorkerMain.class.getName());
        command.add("--parent");
        command.add(Long.toString(ProcessHandle.current().pid()));
        this.workers = new WorkerSlots(workerCount, command, builder.stderrTailBytes,
                builder.startTimeout.toNanos(), new RestartBackoff(workerCount, builder.backoffInitial.toNanos(),
                        builder.backoffMax.toNanos()), json, inbox::post, outcomes);
        this.commands = new CommandSlots(builder.commandSlots > 0 ? builder.commandSlots : Math.max(1, workerCount),
                builder.stderrTailBytes, json, inbox::post, outcomes);
        this.inline = new InlineRunner(new FunctionLoader(classLoader), json, builder.stderrTailBytes, clock);
    }

    /**
     * Starts building a scheduler.
     *
     * @return a builder with 0 workers, a queue of 1024, a 60 s default timeout, 1 inline task per run and 1 s aging
     */
    public static Builder builder() {
        return new Builder();
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
                throw new IllegalStateException("ProcessScheduler.start(): already " + lifecycle.name().toLowerCase());
            }
            lifecycle = Lifecycle.STARTED;
            workers.refill(clock.getAsLong());
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
    public boolean started() {
        return lifecycle != Lifecycle.NEW;
    }

    /**
     * Submits a task and returns its id at once. The task is checked here, on the caller's thread; a task that fails
     * a check (blank type, unknown function or command, invalid JSON input, bad timeout, queue full) still gets an
     * id, and its {@link Outcome.Rejected} outcome, naming the problem, is delivered at the next {@link #run()}.
     * Thread-safe.
     *
     * @param task the task
     * @return the task's id, unique in this scheduler
     * @throws IllegalStateException if the scheduler was stopped (no outcome could be delivered any more)
     */
    public long submit(final ProcessTask task) {
        Objects.requireNonNull(task, "task");
        submitsInFlight.incrementAndGet();
        try {
            if (lifecycle == Lifecycle.STOPPED) {
                throw new IllegalStateException("ProcessScheduler.submit(" + task.type()
                        + "): the scheduler is stopped");
            }
            final long id = ids.incrementAndGet();
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
            inbox.post(accepted != null ? new Event.Submitted(accepted)
                    : new Event.Refused(new Outcome.Rejected(id, task.type(), problem)));
            return id;
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
     * This is a tasklet's poll: call it from the main loop. It never waits for a child; the only system calls that
     * take time are the fork/exec of a replacement worker or a command (about a millisecond each). With zero workers
     * it does run tasks inline, which is what that mode is for.
     *
     * @return how much work it did (events handled, tasks dispatched, outcomes delivered); 0 when idle
     * @throws IllegalStateException if not started, already stopped, or called concurrently or from a handler
     */
    public int run() {
        enter();
        try {
            if (lifecycle != Lifecycle.STARTED) {
                throw new IllegalStateException("ProcessScheduler.run(): the scheduler is "
                        + lifecycle.name().toLowerCase() + ", call start() first");
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
        if (!inbox.isEmpty() || (workerCount == 0 && waiting.functionsWaiting() > 0)) {
            return 0;
        }
        final long now = clock.getAsLong();
        return Math.min(workers.untilNextDeadline(now, waiting.functionsWaiting() > 0),
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
            final long advice = adviseSleepNanos();
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
     * Stops the scheduler: waiting and running tasks end {@link Outcome.Cancelled}, every child process gets
     * SIGTERM (workers also see their stdin close), liveness is checked up to 5 times 1 s apart (configurable), the
     * survivors get SIGKILL, and all are reaped. The handlers of the outcomes reached are called on this thread before
     * it returns. Blocks up to about the escalation time. Idempotent.
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
            drainInbox();
            cancelAll();
            final List<Process> children = new ArrayList<>(workers.terminateAll());
            children.addAll(commands.terminateAll());
            if (wasStarted) {
                ProcessTrees.awaitOrKill(children, stopChecks, stopIntervalNanos);
            }
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
     * Returns the pids of the live child processes (workers and commands). Call it from the run thread; meant for
     * tests and diagnostics.
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

    private void enter() {
        if (!entered.compareAndSet(false, true)) {
            throw new IllegalStateException("ProcessScheduler: start(), run(), awaitWork(), stop() and childPids() "
                    + "must be called from one thread at a time and never from an outcome handler");
        }
    }

    private void leave() {
        entered.set(false);
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
                if (lifecycle == Lifecycle.STOPPED) {
                    waiting.release();
                    outcomes.emit(new Outcome.Cancelled(submitted.task().id(), submitted.task().type(),
                            STOPPED_WAITING));
                } else {
                    waiting.add(submitted.task());
                }
            }
            case Event.Refused refused -> outcomes.emit(refused.outcome());
            case Event.Cancel cancel -> cancelTask(cancel.id());
            case Event.WorkerMessage message -> workers.onMessage(message.worker(), message.message(),
                    clock.getAsLong());
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
        stats = outcomes.stats(waiting.size(), workers.running() + commands.running(), workers.ready(),
                workers.starts(), workers.crashes());
    }

    /** Configures a {@link ProcessScheduler}; every setter checks its value and names it when it is wrong. */
    public static final class Builder {
        private int workers;
        private int commandSlots;
        private int queueCapacity = 1024;
        private Duration defaultTimeout = Duration.ofSeconds(60);
        private int inlinePerRun = 1;
        private Duration aging = Duration.ofSeconds(1);
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration backoffInitial = Duration.ofMillis(100);
        private Duration backoffMax = Duration.ofSeconds(5);
        private int stopChecks = 5;
        private Duration stopInterval = Duration.ofSeconds(1);
        private int stderrTailBytes = 8192;
        private Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classPath = System.getProperty("java.class.path");
        private List<String> workerJvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Xshare:auto");
        private ClassLoader classLoader = defaultClassLoader();
        private final Map<String, OutcomeHandler> handlers = new HashMap<>();
        private OutcomeHandler fallbackHandler = outcome -> System.getLogger(ProcessScheduler.class.getName())
                .log(System.Logger.Level.WARNING, "no handler for type " + outcome.type() + "; dropped outcome "
                        + outcome);
        private Runnable wakeup = () -> { };
        private LongSupplier clock = System::nanoTime;

        private Builder() {
        }

        private static ClassLoader defaultClassLoader() {
            final ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : ProcessScheduler.class.getClassLoader();
        }

        /**
         * Sets the number of worker processes; 0 runs tasks inline on the run thread.
         *
         * @param count 0 or more
         * @return this builder
         */
        public Builder workers(final int count) {
            this.workers = requireAtLeast("workers", count, 0);
            return this;
        }

        /**
         * Sets how many command tasks may run at once (with workers; default: the worker count).
         *
         * @param count 1 or more
         * @return this builder
         */
        public Builder commandSlots(final int count) {
            this.commandSlots = requireAtLeast("commandSlots", count, 1);
            return this;
        }

        /**
         * Sets how many tasks may wait; more are rejected as "queue full".
         *
         * @param capacity 1 or more
         * @return this builder
         */
        public Builder queueCapacity(final int capacity) {
            this.queueCapacity = requireAtLeast("queueCapacity", capacity, 1);
            return this;
        }

        /**
         * Sets the timeout of tasks that ask for the default (upstream: 60 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder defaultTimeout(final Duration timeout) {
            this.defaultTimeout = requirePositive("defaultTimeout", timeout);
            return this;
        }

        /**
         * Sets how many tasks one {@code run()} executes inline when there are no workers (seed 003: "one task per
         * loop or more").
         *
         * @param count 1 or more
         * @return this builder
         */
        public Builder inlinePerRun(final int count) {
            this.inlinePerRun = requireAtLeast("inlinePerRun", count, 1);
            return this;
        }

        /**
         * Sets the aging step: a waiting task's priority number drops by one for every step it has waited, so a low
         * priority cannot starve. Zero turns aging off (strict priority).
         *
         * @param step zero or positive
         * @return this builder
         */
        public Builder aging(final Duration step) {
            Objects.requireNonNull(step, "aging");
            if (step.isNegative()) {
                throw new IllegalArgumentException("aging must be zero (off) or positive, got " + step);
            }
            this.aging = step;
            return this;
        }

        /**
         * Sets how long a new worker may take to send its ready handshake before it counts as crashed.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder startTimeout(final Duration timeout) {
            this.startTimeout = requirePositive("startTimeout", timeout);
            return this;
        }

        /**
         * Sets the restart backoff after worker crashes: {@code initial} after the first, doubling per consecutive
         * crash of the same slot, at most {@code max}; reset by the slot's next good result.
         *
         * @param initial positive
         * @param max at least {@code initial}
         * @return this builder
         */
        public Builder restartBackoff(final Duration initial, final Duration max) {
            requirePositive("restartBackoff initial", initial);
            requirePositive("restartBackoff max", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("restartBackoff max " + max + " is below initial " + initial);
            }
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /**
         * Sets the stop escalation: after SIGTERM, liveness is checked {@code checks} times {@code interval} apart,
         * then survivors get SIGKILL (upstream: 5 checks, 1 s).
         *
         * @param checks 1 or more
         * @param interval positive
         * @return this builder
         */
        public Builder stopEscalation(final int checks, final Duration interval) {
            this.stopChecks = requireAtLeast("stopEscalation checks", checks, 1);
            this.stopInterval = requirePositive("stopEscalation interval", interval);
            return this;
        }

        /**
         * Sets how many trailing bytes of a child's stderr are kept for outcomes.
         *
         * @param bytes 1 or more
         * @return this builder
         */
        public Builder stderrTailBytes(final int bytes) {
            this.stderrTailBytes = requireAtLeast("stderrTailBytes", bytes, 1);
            return this;
        }

        /**
         * Sets the {@code java} launcher for workers (default: this JVM's).
         *
         * @param java the launcher's path
         * @return this builder
         */
        public Builder javaCommand(final Path java) {
            this.javaCommand = Objects.requireNonNull(java, "javaCommand");
            return this;
        }

        /**
         * Sets the workers' class path (default: this JVM's {@code java.class.path}); it must hold weft-process,
         * Jackson and the task functions.
         *
         * @param path the class path
         * @return this builder
         */
        public Builder classPath(final String path) {
            Objects.requireNonNull(path, "classPath");
            if (path.isBlank()) {
                throw new IllegalArgumentException("classPath is blank");
            }
            this.classPath = path;
            return this;
        }

        /**
         * Sets the JVM options of workers (default: serial GC, C1 only, no perf data, class data sharing: a worker
         * starts in a few hundred milliseconds and stays small).
         *
         * @param options the options
         * @return this builder
         */
        public Builder workerJvmOptions(final List<String> options) {
            this.workerJvmOptions = List.copyOf(Objects.requireNonNull(options, "workerJvmOptions"));
            return this;
        }

        /**
         * Sets the class loader used to check function classes at submit and to run them inline.
         *
         * @param loader the loader
         * @return this builder
         */
        public Builder classLoader(final ClassLoader loader) {
            this.classLoader = Objects.requireNonNull(loader, "classLoader");
            return this;
        }

        /**
         * Registers the handler of one result type.
         *
         * @param type the type, not blank
         * @param handler the handler
         * @return this builder
         * @throws IllegalArgumentException if the type is blank or already has a handler
         */
        public Builder handler(final String type, final OutcomeHandler handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (type.isBlank()) {
                throw new IllegalArgumentException("handler type is blank");
            }
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException("type " + type + " already has a handler");
            }
            return this;
        }

        /**
         * Sets the handler of outcomes whose type has no handler (default: log a warning).
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder fallbackHandler(final OutcomeHandler handler) {
            this.fallbackHandler = Objects.requireNonNull(handler, "fallbackHandler");
            return this;
        }

        /**
         * Sets a hook called, from any thread, whenever an event arrives for {@code run()}: a reactor can wake its
         * loop with it (a Notifier). It must be quick and must not call the scheduler.
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder wakeup(final Runnable hook) {
            this.wakeup = Objects.requireNonNull(hook, "wakeup");
            return this;
        }

        /**
         * Sets the clock that timeouts, aging and restart backoff are measured on, in {@link System#nanoTime()}
         * terms (the default). A test can inject a clock it advances by hand, to check deadlines deterministically;
         * waits that really block (an inline command, the stop escalation) still take real time.
         *
         * @param nanoTime the clock, read on the run thread and on submitting threads
         * @return this builder
         */
        public Builder clock(final LongSupplier nanoTime) {
            this.clock = Objects.requireNonNull(nanoTime, "clock");
            return this;
        }

        /**
         * Builds the scheduler (not started).
         *
         * @return the scheduler
         */
        public ProcessScheduler build() {
            return new ProcessScheduler(this);
        }

        private static int requireAtLeast(final String name, final int value, final int min) {
            if (value < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        private static Duration requirePositive(final String name, final Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
