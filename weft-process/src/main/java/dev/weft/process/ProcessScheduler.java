package dev.weft.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seed 003's scheduler: takes time-consuming tasks from a main loop and runs them in worker processes, kills any task
 * that passes its timeout with SIGKILL, and hands every outcome, as JSON {@code {"type", "data"}} results or as
 * failures, to the handler registered for its type, on the main loop's own thread.
 *
 * <p>Use: build with {@link #builder()}, register one {@link OutcomeHandler} per result type, {@link #start()}, then
 * call {@link #run()} from the main loop (a reactor tasklet's poll, or any loop of your own; {@link #awaitWork(Duration)}
 * sleeps until there is something to do). {@link #submit(ProcessTask)} and {@link #cancel(long)} may be called from
 * any thread; {@code start}, {@code run}, {@code awaitWork} and {@code stop} from one thread at a time (the
 * "run thread"), never from inside a handler.
 *
 * <p><b>Implementation overview.</b>
 * <ul>
 *   <li><b>One writer.</b> Every piece of scheduler state belongs to the run thread. Other threads talk to it only
 *       through an MPSC inbox of {@link Event}s: {@code submit} checks the task on the caller's thread (so a bad one
 *       is rejected with a precise reason, delivered at the next {@code run()}), and the virtual threads that pump
 *       the children's pipes and the JDK's process reaper post what they see. {@code run()} drains the inbox, so it
 *       never blocks and needs no locks.</li>
 *   <li><b>Queues.</b> Function tasks and command tasks wait in two {@link TaskQueue}s (priority, FIFO within a
 *       priority, aging), so that a command waiting for a command slot never holds back a function that has a free
 *       worker, and vice versa.</li>
 *   <li><b>Workers.</b> {@code N} slots, each holding at most one {@link WorkerProcess}: a JVM on the same class path
 *       running {@link WorkerMain}, which sends a ready handshake, then runs one task at a time over a
 *       length-prefixed JSON protocol on stdin/stdout. A worker that dies on its own (exits, halts, is killed from
 *       outside, breaks the protocol, misses its handshake) fails only the task it had, as
 *       {@link Outcome.WorkerCrashed}, and its slot is refilled after a backoff that doubles with consecutive crashes
 *       and resets on the next good result. A worker the scheduler killed itself (timeout, cancel) is replaced as
 *       soon as it has been reaped.</li>
 *   <li><b>Commands.</b> Up to {@code commandSlots} child processes at once; stdout is the result, stderr's tail
 *       goes into failures; on timeout or cancel the whole process tree is SIGKILLed.</li>
 *   <li><b>Timeouts.</b> Upstream's conventions ({@code tsh}): 0 means the default (60 s), -1 none. Each
 *       {@code run()} kills every task past its deadline; {@link #adviseSleepNanos()} tells a loop how long it may
 *       sleep before the next deadline, so kills land close to the deadline without busy polling.</li>
 *   <li><b>Zero workers.</b> Tasks run inline on the run thread, {@code inlinePerRun} per call, as in Pantavisor's
 *       current main loop: commands still get their timeout and SIGKILL; a Java function cannot be stopped, so one
 *       that overruns is reported as {@link Outcome.TimedOut} (not killed) when it returns.</li>
 *   <li><b>Stop.</b> Upstream's lenient-then-forced kill: outstanding tasks are cancelled, every child gets SIGTERM
 *       (workers also see their stdin close), liveness is checked 5 times 1 s apart, survivors get SIGKILL and all
 *       are reaped. Workers also watch this JVM and exit if it dies, so none is ever orphaned.</li>
 * </ul>
 *
 * <p>{@link #run()} returns how much work it did (0 when idle), so it can serve as a reactor tasklet's poll.
 */
public final class ProcessScheduler implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ProcessScheduler.class.getName());
    private static final int INBOX_BATCH = 4096;

    private enum Lifecycle { NEW, STARTED, STOPPED }

    private final int workerCount;
    private final int commandSlots;
    private final int queueCapacity;
    private final long defaultTimeoutNanos;
    private final int inlinePerRun;
    private final long startTimeoutNanos;
    private final int stopChecks;
    private final long stopIntervalNanos;
    private final int stderrTailBytes;
    private final List<String> workerCommand;
    private final ClassLoader classLoader;
    private final Map<String, OutcomeHandler> handlers;
    private final OutcomeHandler fallbackHandler;
    private final Runnable wakeup;
    private final JsonMapper json;

    private final MpscUnboundedVarHandleArrayQueue<Event> inbox = new MpscUnboundedVarHandleArrayQueue<>(256);
    private final Semaphore wakeSignal = new Semaphore(0);
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private final AtomicBoolean entered = new AtomicBoolean();
    private volatile Lifecycle lifecycle = Lifecycle.NEW;
    private volatile ProcessSchedulerStats stats = new ProcessSchedulerStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final TaskQueue workerQueue;
    private final TaskQueue commandQueue;
    private final WorkerProcess[] workers;
    private final RestartBackoff backoff;
    private final List<CommandRun> commands = new ArrayList<>();
    private final ArrayDeque<Outcome> ready = new ArrayDeque<>();
    private final InlineRunner inline;
    private long workerStarts;
    private long workerCrashes;
    private final long[] outcomeCounts = new long[6];

    private ProcessScheduler(final Builder builder) {
        this.workerCount = builder.workers;
        this.commandSlots = builder.commandSlots > 0 ? builder.commandSlots : Math.max(1, builder.workers);
        this.queueCapacity = builder.queueCapacity;
        this.defaultTimeoutNanos = builder.defaultTimeout.toNanos();
        this.inlinePerRun = builder.inlinePerRun;
        this.startTimeoutNanos = builder.startTimeout.toNanos();
        this.stopChecks = builder.stopChecks;
        this.stopIntervalNanos = builder.stopInterval.toNanos();
        this.stderrTailBytes = builder.stderrTailBytes;
        this.classLoader = builder.classLoader;
        this.handlers = Map.copyOf(builder.handlers);
        this.fallbackHandler = builder.fallbackHandler;
        this.wakeup = builder.wakeup;
        this.json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
        final List<String> command = new ArrayList<>();
        command.add(builder.javaCommand.toString());
        command.addAll(builder.workerJvmOptions);
        command.add("-cp");
        command.add(builder.classPath);
        command.add(WorkerMain.class.getName());
        command.add("--parent");
        command.add(Long.toString(ProcessHandle.current().pid()));
        this.workerCommand = List.copyOf(command);
        final long agingNanos = builder.aging.toNanos();
        this.workerQueue = new TaskQueue(agingNanos);
        this.commandQueue = new TaskQueue(agingNanos);
        this.workers = new WorkerProcess[workerCount];
        this.backoff = new RestartBackoff(workerCount, builder.backoffInitial.toNanos(),
                builder.backoffMax.toNanos());
        this.inline = new InlineRunner(new FunctionLoader(classLoader), json, stderrTailBytes);
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
            refillWorkers(System.nanoTime());
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
            final long now = System.nanoTime();
            QueuedTask accepted = null;
            String problem;
            try {
                accepted = SubmitCheck.check(id, task, json, classLoader, defaultTimeoutNanos, now);
                problem = null;
            } catch (final IllegalArgumentException e) {
                problem = e.getMessage();
            }
            if (accepted != null && waiting.incrementAndGet() > queueCapacity) {
                waiting.decrementAndGet();
                accepted = null;
                problem = "queue full: " + queueCapacity + " tasks are waiting (queueCapacity " + queueCapacity + ")";
            }
            post(accepted != null ? new Event.Submitted(accepted)
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
        post(new Event.Cancel(id));
    }

    /**
     * Does what is due without waiting: takes in submissions, cancellations and what the child processes reported,
     * kills tasks past their deadline, refills worker slots, hands waiting tasks to idle workers (or, with zero
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
            final long now = System.nanoTime();
            work += enforceDeadlines(now);
            work += refillWorkers(now);
            work += workerCount == 0 ? runInline() : dispatch(now);
            work += deliver();
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
        if (!inbox.isEmpty() || (workerCount == 0 && workerQueue.size() > 0)) {
            return 0;
        }
        final long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (int slot = 0; slot < workerCount; slot++) {
            final WorkerProcess worker = workers[slot];
            if (worker == null) {
                next = Math.min(next, backoff.restartAtNanos(slot) - now);
            } else if (worker.state() == WorkerProcess.State.BUSY) {
                next = deadlineMin(next, worker.deadlineNanos(), now);
            } else if (worker.state() == WorkerProcess.State.IDLE && workerQueue.size() > 0) {
                return 0;
            } else if (worker.state() == WorkerProcess.State.STARTING) {
                next = deadlineMin(next, worker.startDeadlineNanos(), now);
            }
        }
        for (final CommandRun run : commands) {
            if (!run.finished()) {
                next = deadlineMin(next, run.deadlineNanos(), now);
            }
        }
        if (commandQueue.size() > 0 && commands.size() < commandSlots) {
            return 0;
        }
        return Math.max(0, next);
    }

    private static long deadlineMin(final long current, final long deadline, final long now) {
        return deadline == Long.MAX_VALUE ? current : Math.min(current, deadline - now);
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
            final boolean woken = wakeSignal.tryAcquire(Math.min(advice, limit), TimeUnit.NANOSECONDS);
            wakePending.set(false);
            return woken || advice <= limit;
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
            cancelAll("scheduler stopped before the task ran", "scheduler stopped while the task ran");
            final List<Process> children = new ArrayList<>();
            for (int slot = 0; slot < workerCount; slot++) {
                if (workers[slot] != null) {
                    workers[slot].terminate();
                    children.add(workers[slot].process());
                    workers[slot] = null;
                }
            }
            for (final CommandRun run : commands) {
                run.terminate();
                children.add(run.process());
            }
            commands.clear();
            if (wasStarted) {
                ProcessTrees.awaitOrKill(children, stopChecks, stopIntervalNanos);
            }
            drainInbox();
            cancelAll("scheduler stopped before the task ran", "scheduler stopped while the task ran");
            deliver();
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
            for (final WorkerProcess worker : workers) {
                if (worker != null && worker.process().isAlive()) {
                    pids.add(worker.process().pid());
                }
            }
            for (final CommandRun run : commands) {
                if (run.process().isAlive()) {
                    pids.add(run.process().pid());
                }
            }
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

    private void post(final Event event) {
        inbox.offer(event);
        if (wakePending.compareAndSet(false, true)) {
            wakeSignal.release();
        }
        try {
            wakeup.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the wakeup hook threw; the event is queued all the same", e);
        }
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
                    waiting.decrementAndGet();
                    emit(new Outcome.Cancelled(submitted.task().id(), submitted.task().type(),
                            "scheduler stopped before the task ran"));
                } else {
                    queueFor(submitted.task().task()).add(submitted.task());
                }
            }
            case Event.Refused refused -> emit(refused.outcome());
            case Event.Cancel cancel -> cancelTask(cancel.id());
            case Event.WorkerMessage message -> onWorkerMessage(message.worker(), message.message());
            case Event.WorkerBroken broken -> {
                if (isLive(broken.worker())) {
                    crashWorker(broken.worker(), "worker pid " + broken.worker().process().pid()
                            + " broke the protocol: " + broken.problem());
                }
            }
            case Event.WorkerExited exited -> onWorkerExited(exited.worker(), exited.status());
            case Event.CommandExited exited -> onCommandExited(exited.run(), exited.exit());
        }
    }

    private TaskQueue queueFor(final ProcessTask task) {
        return workerCount == 0 || task.kind() == ProcessTask.Kind.FUNCTION ? workerQueue : commandQueue;
    }

    private boolean isLive(final WorkerProcess worker) {
        return workers[worker.slot()] == worker && worker.state() != WorkerProcess.State.DEAD;
    }

    private void onWorkerMessage(final WorkerProcess worker, final JsonNode message) {
        if (!isLive(worker)) {
            return;
        }
        final String op = message.path("op").asString("");
        if ("ready".equals(op) && worker.state() == WorkerProcess.State.STARTING) {
            if (message.path("protocol").asInt(-1) != WorkerMain.PROTOCOL) {
                crashWorker(worker, "worker pid " + worker.process().pid() + " speaks protocol "
                        + message.path("protocol") + ", expected " + WorkerMain.PROTOCOL);
                return;
            }
            worker.ready();
            return;
        }
        final QueuedTask task = worker.current();
        if (("result".equals(op) || "error".equals(op)) && task != null
                && message.path("id").asLong(-1) == task.id()) {
            final long now = System.nanoTime();
            final long dispatched = worker.dispatchedAtNanos();
            worker.finishTask();
            if ("result".equals(op)) {
                backoff.recovered(worker.slot());
                final JsonNode data = message.hasNonNull("data") ? message.get("data") : NullNode.getInstance();
                emit(new Outcome.Ok(task.id(), task.type(), data, OptionalInt.empty(),
                        Duration.ofNanos(now - dispatched)));
            } else {
                final String tail = worker.stderrSinceDispatch();
                final String trace = message.path("trace").asString("");
                emit(new Outcome.Failed(task.id(), task.type(), message.path("error").asString("error"),
                        OptionalInt.empty(), tail.isEmpty() ? trace : trace + "\nstderr:\n" + tail));
            }
            return;
        }
        crashWorker(worker, "worker pid " + worker.process().pid() + " sent an unexpected message in state "
                + worker.state() + ": " + abbreviate(message.toString()));
    }

    private void crashWorker(final WorkerProcess worker, final String reason) {
        LOG.log(System.Logger.Level.WARNING, reason);
        final String tail = worker.stderrSinceDispatch();
        final QueuedTask task = worker.kill(true);
        workerCrashes++;
        if (task != null) {
            emit(new Outcome.WorkerCrashed(task.id(), task.type(), reason, tail));
        }
    }

    private void onWorkerExited(final WorkerProcess worker, final int status) {
        final int slot = worker.slot();
        if (workers[slot] != worker) {
            return;
        }
        if (worker.state() != WorkerProcess.State.DEAD) {
            final String reason = "worker pid " + worker.process().pid() + " "
                    + CommandResults.describeExit(status);
            LOG.log(System.Logger.Level.WARNING, reason);
            final QueuedTask task = worker.current();
            final String tail = worker.stderrSinceDispatch();
            worker.markCrashed();
            workerCrashes++;
            if (task != null) {
                emit(new Outcome.WorkerCrashed(task.id(), task.type(), reason, tail));
            }
        }
        workers[slot] = null;
        if (worker.crashed()) {
            backoff.crashed(slot, System.nanoTime());
        } else {
            backoff.ended(slot, System.nanoTime());
        }
    }

    private void onCommandExited(final CommandRun run, final CommandRun.Exit exit) {
        if (!commands.remove(run) || run.finished()) {
            return;
        }
        emit(CommandResults.outcome(json, run, exit, System.nanoTime()));
    }

    private void cancelTask(final long id) {
        QueuedTask queued = workerQueue.remove(id);
        if (queued == null) {
            queued = commandQueue.remove(id);
        }
        if (queued != null) {
            waiting.decrementAndGet();
            emit(new Outcome.Cancelled(id, queued.type(), "cancelled while waiting to run"));
            return;
        }
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null && worker.current().id() == id) {
                final QueuedTask task = worker.kill(false);
                emit(new Outcome.Cancelled(id, task.type(), "cancelled while running; worker pid "
                        + worker.process().pid() + " was killed"));
                return;
            }
        }
        for (final CommandRun run : commands) {
            if (run.task().id() == id && !run.finished()) {
                run.kill();
                run.markFinished();
                emit(new Outcome.Cancelled(id, run.task().type(), "cancelled while running; command pid "
                        + run.process().pid() + " was killed"));
                return;
            }
        }
    }

    private void cancelAll(final String waitingReason, final String runningReason) {
        for (final TaskQueue queue : List.of(workerQueue, commandQueue)) {
            for (final QueuedTask task : queue.drain()) {
                waiting.decrementAndGet();
                emit(new Outcome.Cancelled(task.id(), task.type(), waitingReason));
            }
        }
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null) {
                final QueuedTask task = worker.current();
                emit(new Outcome.Cancelled(task.id(), task.type(), runningReason));
                worker.finishTask();
            }
        }
        for (final CommandRun run : commands) {
            if (!run.finished()) {
                run.markFinished();
                emit(new Outcome.Cancelled(run.task().id(), run.task().type(), runningReason));
            }
        }
    }

    private int enforceDeadlines(final long now) {
        int work = 0;
        for (final WorkerProcess worker : workers) {
            if (worker == null) {
                continue;
            }
            if (worker.state() == WorkerProcess.State.BUSY && worker.deadlineNanos() - now <= 0) {
                final String tail = worker.stderrSinceDispatch();
                final QueuedTask task = worker.kill(false);
                emit(new Outcome.TimedOut(task.id(), task.type(), Duration.ofNanos(task.timeoutNanos()), true, tail));
                work++;
            } else if (worker.state() == WorkerProcess.State.STARTING && worker.startDeadlineNanos() - now <= 0) {
                crashWorker(worker, "worker pid " + worker.process().pid() + " sent no ready handshake within "
                        + Duration.ofNanos(startTimeoutNanos));
                work++;
            }
        }
        for (final CommandRun run : commands) {
            if (!run.finished() && run.deadlineNanos() != Long.MAX_VALUE && run.deadlineNanos() - now <= 0) {
                run.kill();
                run.markFinished();
                emit(new Outcome.TimedOut(run.task().id(), run.task().type(),
                        Duration.ofNanos(run.task().timeoutNanos()), true, run.stderrTail()));
                work++;
            }
        }
        return work;
    }

    private int refillWorkers(final long now) {
        int started = 0;
        for (int slot = 0; slot < workerCount; slot++) {
            if (workers[slot] != null || !backoff.due(slot, now)) {
                continue;
            }
            try {
                workers[slot] = WorkerProcess.start(slot, workerCommand, stderrTailBytes, startTimeoutNanos, json,
                        this::post);
                workerStarts++;
                started++;
            } catch (final IOException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot start worker " + slot + " with " + workerCommand, e);
                workerCrashes++;
                backoff.crashed(slot, now);
            }
        }
        return started;
    }

    private int dispatch(final long now) {
        int dispatched = 0;
        for (final WorkerProcess worker : workers) {
            if (worker == null || worker.state() != WorkerProcess.State.IDLE) {
                continue;
            }
            final QueuedTask task = workerQueue.poll(now);
            if (task == null) {
                break;
            }
            waiting.decrementAndGet();
            worker.dispatch(task, requestFrame(task), now);
            dispatched++;
        }
        while (commands.size() < commandSlots) {
            final QueuedTask task = commandQueue.poll(now);
            if (task == null) {
                break;
            }
            waiting.decrementAndGet();
            dispatched++;
            final CommandRun run;
            try {
                run = CommandRun.start(task, InlineRunner.inputBytes(task), stderrTailBytes);
            } catch (final IOException e) {
                emit(new Outcome.Failed(task.id(), task.type(), "cannot start command " + task.task().argv()
                        + ": " + e.getMessage(), OptionalInt.empty(), ""));
                continue;
            }
            commands.add(run);
            run.done().thenAccept(exit -> post(new Event.CommandExited(run, exit)));
        }
        return dispatched;
    }

    private byte[] requestFrame(final QueuedTask task) {
        final ObjectNode request = json.createObjectNode()
                .put("op", "run").put("id", task.id()).put("type", task.type())
                .put("function", task.task().functionClass().orElseThrow());
        request.set("input", task.input() == null ? NullNode.getInstance() : task.input());
        return json.writeValueAsBytes(request);
    }


    private int runInline() {
        int ran = 0;
        while (ran < inlinePerRun) {
            final QueuedTask task = workerQueue.poll(System.nanoTime());
            if (task == null) {
                break;
            }
            waiting.decrementAndGet();
            emit(inline.run(task));
            ran++;
        }
        return ran;
    }

    private void emit(final Outcome outcome) {
        ready.addLast(outcome);
        outcomeCounts[switch (outcome) {
            case Outcome.Ok ok -> 0;
            case Outcome.Failed failed -> 1;
            case Outcome.TimedOut timedOut -> 2;
            case Outcome.WorkerCrashed crashed -> 3;
            case Outcome.Cancelled cancelled -> 4;
            case Outcome.Rejected rejected -> 5;
        }]++;
    }

    private int deliver() {
        int delivered = 0;
        Outcome outcome;
        while ((outcome = ready.pollFirst()) != null) {
            final OutcomeHandler handler = handlers.getOrDefault(outcome.type(), fallbackHandler);
            try {
                handler.onOutcome(outcome);
            } catch (final RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handler for type " + outcome.type() + " threw on the outcome "
                        + "of task " + outcome.id(), e);
            }
            delivered++;
        }
        return delivered;
    }

    private void publishStats() {
        int running = 0;
        for (final CommandRun run : commands) {
            if (!run.finished()) {
                running++;
            }
        }
        int live = 0;
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null) {
                running++;
            }
            if (worker != null && (worker.state() == WorkerProcess.State.IDLE
                    || worker.state() == WorkerProcess.State.BUSY)) {
                live++;
            }
        }
        stats = new ProcessSchedulerStats(workerQueue.size() + commandQueue.size(), running, live, workerStarts,
                workerCrashes, outcomeCounts[0], outcomeCounts[1], outcomeCounts[2], outcomeCounts[3],
                outcomeCounts[4], outcomeCounts[5]);
    }

    private static String abbreviate(final String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
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
        private OutcomeHandler fallbackHandler = outcome -> LOG.log(System.Logger.Level.WARNING,
                "no handler for type " + outcome.type() + "; dropped outcome " + outcome);
        private Runnable wakeup = () -> { };

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
