package dev.weft.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worker-process side of a {@link ProcessScheduler}: {@code N} slots, each holding at most one
 * {@link WorkerProcess}, and everything that happens to them, from start to reaping.
 *
 * <p><b>Implementation overview.</b> A slot's life: empty → launching, once the slot's {@link RestartBackoff}
 * allows ({@link #refill(long)} hands the start to the {@link Launcher}) → {@code STARTING} once the launcher reports
 * the process started ({@link #onLaunched}), until its ready handshake (or crashed when
 * the handshake is late or speaks another protocol) → {@code IDLE} ⇄ {@code BUSY} as tasks are dispatched
 * ({@link #dispatch(WaitingTasks, long)}) and results come back → {@code DEAD} when killed or found dead → empty
 * again once its exit event says it has been reaped. Who ended it decides the backoff: a worker the scheduler killed
 * itself (timeout, cancel) is replaced at once, one that died on its own (exited, halted, killed from outside, broke
 * the protocol, missed its handshake) after a backoff that doubles per consecutive crash and resets on the next good
 * result. Only the task on a dying worker is affected: it ends {@link Outcome.WorkerCrashed}, {@link Outcome.TimedOut}
 * or {@link Outcome.Cancelled}. Deadlines are checked on every {@code run()} ({@link #enforceDeadlines(long)}), and
 * {@link #untilNextDeadline(long, boolean)} says how long the run thread may sleep before the next one. Events from
 * a worker that is no longer its slot's current worker are stale and ignored.
 *
 * <p>A worker that fails before its ready handshake (cannot be started, exits, breaks the protocol or misses the
 * handshake) counts as a failed start; a ready handshake resets the count. After {@code startAttempts} failed starts
 * in a row no worker is started any more: the failure, the command line and the last worker's stderr tail are logged
 * once, and every function task waiting then or later ends {@link Outcome.WorkerUnavailable}, so that a class path
 * or JVM option that can never work costs each task one prompt outcome instead of a wait for ever. Run thread only:
 * every method begins with an assert of it, and the launcher jobs with an assert of the launcher thread.
 */
final class WorkerSlots {

    private static final System.Logger LOG = System.getLogger(WorkerSlots.class.getName());

    private final WorkerProcess[] workers;
    private final boolean[] launching;
    private final RunThread runThread;
    private final Launcher launcher;
    private final Containment containment;
    private final List<String> command;
    private final int stderrTailBytes;
    private final long startTimeoutNanos;
    private final RestartBackoff backoff;
    private final int startAttempts;
    private final JsonMapper json;
    private final Consumer<Event> inbox;
    private final Outcomes outcomes;
    private long starts;
    private long crashes;
    private int failedStarts;
    private String unavailable;
    private String unavailableTail = "";

    /**
     * Creates empty slots.
     *
     * @param count the number of slots
     * @param command the worker JVM's command line
     * @param stderrTailBytes how much of a worker's stderr to keep
     * @param startTimeoutNanos how long a handshake may take
     * @param backoff the restart backoff of the slots
     * @param startAttempts how many failed starts in a row make workers unavailable
     * @param json the mapper for frames
     * @param inbox where worker events go
     * @param outcomes where outcomes go
     * @param runThread the scheduler's run thread, the only one that may call the other methods
     * @param launcher the thread that starts the worker processes
     * @param containment how the worker processes are started and contained
     */
    WorkerSlots(
            final int count,
            final List<String> command,
            final int stderrTailBytes,
            final long startTimeoutNanos,
            final RestartBackoff backoff,
            final int startAttempts,
            final JsonMapper json,
            final Consumer<Event> inbox,
            final Outcomes outcomes,
            final RunThread runThread,
            final Launcher launcher,
            final Containment containment) {
        this.containment = containment;
        this.workers = new WorkerProcess[count];
        this.launching = new boolean[count];
        this.runThread = runThread;
        this.launcher = launcher;
        this.command = List.copyOf(command);
        this.stderrTailBytes = stderrTailBytes;
        this.startTimeoutNanos = startTimeoutNanos;
        this.backoff = backoff;
        this.startAttempts = startAttempts;
        this.json = json;
        this.inbox = inbox;
        this.outcomes = outcomes;
    }

    /**
     * Asks the launcher for a worker in every empty slot whose backoff has passed and that is not being started
     * already; {@link #onLaunched(int, WorkerProcess, String, long)} takes the result.
     *
     * @param nowNanos the current time (the handshake deadline counts from it)
     * @return how many starts were asked for
     */
    int refill(final long nowNanos) {
        assert runThread.isCurrent() : "refill off the run thread";
        if (unavailable != null) {
            return 0;
        }
        int asked = 0;
        for (int slot = 0; slot < workers.length; slot++) {
            if (workers[slot] != null || launching[slot] || !backoff.due(slot, nowNanos)) {
                continue;
            }
            launching[slot] = true;
            final int index = slot;
            final long startDeadline = nowNanos + startTimeoutNanos;
            launcher.execute(() -> launch(index, startDeadline));
            starts++;
            asked++;
        }
        return asked;
    }

    /** On the launcher thread: starts a worker, posts it (or the failure), then starts its pumps. */
    private void launch(final int slot, final long startDeadlineNanos) {
        assert launcher.isCurrent() : "launch off the launcher thread";
        final WorkerProcess worker;
        try {
            worker = WorkerProcess.launch(slot, containment.command(command), stderrTailBytes, startDeadlineNanos);
            containment.started(worker.process());
        } catch (final IOException | RuntimeException | Error e) {
            inbox.accept(
                    new Event.WorkerLaunched(slot, null, String.valueOf(e.getMessage() != null ? e.getMessage() : e)));
            return;
        }
        inbox.accept(new Event.WorkerLaunched(slot, worker, null));
        worker.startPumps(json, inbox);
    }

    /**
     * Takes the result of a start: the worker fills its slot (in state {@code STARTING}), or the failure counts as
     * a crash and a failed start.
     *
     * @param slot the slot
     * @param worker the worker, or {@code null}
     * @param failure why it could not be started, or {@code null}
     * @param nowNanos the current time
     */
    void onLaunched(final int slot, final WorkerProcess worker, final String failure, final long nowNanos) {
        assert runThread.isCurrent() : "onLaunched off the run thread";
        launching[slot] = false;
        if (worker == null) {
            LOG.log(System.Logger.Level.ERROR, "cannot start worker " + slot + " with " + command + ": " + failure);
            crashes++;
            backoff.crashed(slot, nowNanos);
            startFailed("worker " + slot + " cannot be started: " + failure, "");
            return;
        }
        workers[slot] = worker;
        if (unavailable != null) {
            worker.kill(false);
        }
    }

    /**
     * Hands waiting function tasks to idle workers, one each.
     *
     * @param waiting the waiting tasks
     * @param nowNanos the current time (the start of each task's timeout)
     * @return how many were dispatched
     */
    int dispatch(final WaitingTasks waiting, final long nowNanos) {
        assert runThread.isCurrent() : "dispatch off the run thread";
        int dispatched = 0;
        if (unavailable != null) {
            QueuedTask task;
            while ((task = waiting.pollFunction(nowNanos)) != null) {
                outcomes.emit(new Outcome.WorkerUnavailable(task.id(), task.type(), unavailable, unavailableTail));
                dispatched++;
            }
            return dispatched;
        }
        for (final WorkerProcess worker : workers) {
            if (worker == null || worker.state() != WorkerProcess.State.IDLE) {
                continue;
            }
            final QueuedTask task = waiting.pollFunction(nowNanos);
            if (task == null) {
                break;
            }
            worker.dispatch(task, requestFrame(task), nowNanos);
            dispatched++;
        }
        return dispatched;
    }

    private byte[] requestFrame(final QueuedTask task) {
        final ObjectNode request = json.createObjectNode()
                .put("op", "run")
                .put("id", task.id())
                .put("type", task.type())
                .put("function", task.task().functionClass().orElseThrow());
        request.set("input", task.input() == null ? NullNode.getInstance() : task.input());
        return json.writeValueAsBytes(request);
    }

    /**
     * Kills the worker of every task at or past its deadline (the task ends {@link Outcome.TimedOut}, with how late
     * the kill was), and counts as crashed every worker whose handshake is due and missing.
     *
     * @param nowNanos the current time
     * @return how many workers were killed
     */
    int enforceDeadlines(final long nowNanos) {
        assert runThread.isCurrent() : "enforceDeadlines off the run thread";
        int killed = 0;
        for (final WorkerProcess worker : workers) {
            if (worker == null) {
                continue;
            }
            if (worker.state() == WorkerProcess.State.BUSY && worker.deadlineNanos() - nowNanos <= 0) {
                final long late = nowNanos - worker.deadlineNanos();
                final String tail = worker.stderrSinceDispatch();
                final QueuedTask task = worker.kill(false);
                outcomes.emit(new Outcome.TimedOut(
                        task.id(),
                        task.type(),
                        Duration.ofNanos(task.timeoutNanos()),
                        true,
                        tail,
                        Duration.ofNanos(late)));
                killed++;
            } else if (worker.state() == WorkerProcess.State.STARTING && worker.startDeadlineNanos() - nowNanos <= 0) {
                crash(
                        worker,
                        "worker pid " + worker.process().pid() + " sent no ready handshake within "
                                + Duration.ofNanos(startTimeoutNanos));
                killed++;
            }
        }
        return killed;
    }

    /**
     * Returns how long until something about the workers is due that no event will announce: a task deadline, a
     * handshake deadline or a restart.
     *
     * @param nowNanos the current time
     * @param functionsWaiting whether function tasks are waiting (then an idle worker means work now)
     * @return nanoseconds, 0 for now, {@link Long#MAX_VALUE} for nothing timed
     */
    long untilNextDeadline(final long nowNanos, final boolean functionsWaiting) {
        assert runThread.isCurrent() : "untilNextDeadline off the run thread";
        if (unavailable != null) {
            return functionsWaiting ? 0 : Long.MAX_VALUE;
        }
        long next = Long.MAX_VALUE;
        for (int slot = 0; slot < workers.length; slot++) {
            final WorkerProcess worker = workers[slot];
            if (worker == null && !launching[slot]) {
                next = Math.min(next, backoff.restartAtNanos(slot) - nowNanos);
            } else if (worker == null) {
                // a worker being launched: nothing is due until its start ends
            } else if (worker.state() == WorkerProcess.State.BUSY) {
                next = earlier(next, worker.deadlineNanos(), nowNanos);
            } else if (worker.state() == WorkerProcess.State.IDLE && functionsWaiting) {
                return 0;
            } else if (worker.state() == WorkerProcess.State.STARTING) {
                next = earlier(next, worker.startDeadlineNanos(), nowNanos);
            }
        }
        return Math.max(0, next);
    }

    /**
     * Returns the earlier of a delay and the time until a deadline.
     *
     * @param current the delay so far
     * @param deadlineNanos the deadline, {@link Long#MAX_VALUE} for none
     * @param nowNanos the current time
     * @return the shorter delay
     */
    static long earlier(final long current, final long deadlineNanos, final long nowNanos) {
        return deadlineNanos == Long.MAX_VALUE ? current : Math.min(current, deadlineNanos - nowNanos);
    }

    /**
     * Handles a frame from a worker: its handshake, or the result or error of its task. Anything else is a
     * protocol violation and crashes the worker.
     *
     * @param worker the worker
     * @param message the frame
     * @param nowNanos the current time
     */
    void onMessage(final WorkerProcess worker, final JsonNode message, final long nowNanos) {
        assert runThread.isCurrent() : "onMessage off the run thread";
        if (!isLive(worker)) {
            return;
        }
        final String op = message.path("op").asString("");
        if ("ready".equals(op) && worker.state() == WorkerProcess.State.STARTING) {
            if (message.path("protocol").asInt(-1) != WorkerMain.PROTOCOL) {
                crash(
                        worker,
                        "worker pid " + worker.process().pid() + " speaks protocol " + message.path("protocol")
                                + ", expected " + WorkerMain.PROTOCOL);
                return;
            }
            worker.ready();
            failedStarts = 0;
            return;
        }
        final QueuedTask task = worker.current();
        if (("result".equals(op) || "error".equals(op))
                && task != null
                && message.path("id").asLong(-1) == task.id()) {
            final long dispatched = worker.dispatchedAtNanos();
            worker.finishTask();
            if ("result".equals(op)) {
                backoff.recovered(worker.slot());
                final JsonNode data = message.hasNonNull("data") ? message.get("data") : NullNode.getInstance();
                outcomes.emit(new Outcome.Ok(
                        task.id(),
                        task.type(),
                        data,
                        OptionalInt.empty(),
                        Duration.ofNanos(Math.max(0, nowNanos - dispatched))));
            } else {
                final String tail = worker.stderrSinceDispatch();
                final String trace = message.path("trace").asString("");
                outcomes.emit(new Outcome.Failed(
                        task.id(),
                        task.type(),
                        message.path("error").asString("error"),
                        OptionalInt.empty(),
                        tail.isEmpty() ? trace : trace + "\nstderr:\n" + tail));
            }
            return;
        }
        crash(
                worker,
                "worker pid " + worker.process().pid() + " sent an unexpected message in state " + worker.state() + ": "
                        + abbreviate(message.toString()));
    }

    /**
     * Handles a worker whose output broke the wire protocol: it is killed as crashed.
     *
     * @param worker the worker
     * @param problem what was wrong
     */
    void onBroken(final WorkerProcess worker, final String problem) {
        assert runThread.isCurrent() : "onBroken off the run thread";
        if (isLive(worker)) {
            crash(worker, "worker pid " + worker.process().pid() + " broke the protocol: " + problem);
        }
    }

    /**
     * Handles a worker's exit, after it has been reaped: if nobody killed it, it crashed and its task ends
     * {@link Outcome.WorkerCrashed}; either way its slot is emptied, to be refilled after the right backoff.
     *
     * @param worker the worker
     * @param status its exit status
     * @param nowNanos the current time
     */
    void onExited(final WorkerProcess worker, final int status, final long nowNanos) {
        assert runThread.isCurrent() : "onExited off the run thread";
        final int slot = worker.slot();
        if (workers[slot] != worker) {
            return;
        }
        if (worker.state() != WorkerProcess.State.DEAD) {
            final boolean starting = worker.state() == WorkerProcess.State.STARTING;
            final String reason = "worker pid " + worker.process().pid() + " " + CommandResults.describeExit(status)
                    + (starting ? " before its ready handshake" : "");
            LOG.log(System.Logger.Level.WARNING, reason);
            final QueuedTask task = worker.current();
            final String tail = worker.stderrSinceDispatch();
            if (starting) {
                startFailed(reason, tail);
            }
            worker.markCrashed();
            crashes++;
            if (task != null) {
                outcomes.emit(new Outcome.WorkerCrashed(task.id(), task.type(), reason, tail));
            }
        }
        workers[slot] = null;
        if (worker.crashed()) {
            backoff.crashed(slot, nowNanos);
        } else {
            backoff.ended(slot, nowNanos);
        }
    }

    /**
     * Cancels a task if a worker runs it: the worker is killed (and replaced) and the task ends
     * {@link Outcome.Cancelled}.
     *
     * @param id the task id
     * @return true if a worker ran it
     */
    boolean cancel(final long id) {
        assert runThread.isCurrent() : "cancel off the run thread";
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null && worker.current().id() == id) {
                final QueuedTask task = worker.kill(false);
                outcomes.emit(new Outcome.Cancelled(
                        id,
                        task.type(),
                        "cancelled while running; worker pid "
                                + worker.process().pid() + " was killed"));
                return true;
            }
        }
        return false;
    }

    /**
     * Ends every running task {@link Outcome.Cancelled} (the scheduler is stopping; the workers are terminated
     * next). The workers stay busy with the cancelled task, so that {@link #terminateAll()} gives them SIGTERM.
     *
     * @param reason the reason given
     */
    void cancelRunning(final String reason) {
        assert runThread.isCurrent() : "cancelRunning off the run thread";
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null && !worker.cancelledByStop()) {
                worker.cancelByStop();
                outcomes.emit(new Outcome.Cancelled(
                        worker.current().id(), worker.current().type(), reason));
            }
        }
    }

    /**
     * Empties the slots: a worker that was running a task gets upstream's lenient stop (its stdin closed and
     * SIGTERM); a worker without a task has nothing to finish and is SIGKILLed at once.
     *
     * @return the worker processes, to be awaited and killed if they linger
     */
    List<Process> terminateAll() {
        assert runThread.isCurrent() : "terminateAll off the run thread";
        final List<Process> processes = new ArrayList<>();
        for (int slot = 0; slot < workers.length; slot++) {
            final WorkerProcess worker = workers[slot];
            if (worker != null) {
                if (worker.current() != null) {
                    worker.terminate();
                } else {
                    worker.kill(false);
                }
                processes.add(worker.process());
                workers[slot] = null;
            }
        }
        return processes;
    }

    /**
     * Adds the pids of the live workers.
     *
     * @param pids where to add them
     */
    void addLivePids(final List<Long> pids) {
        assert runThread.isCurrent() : "addLivePids off the run thread";
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.process().isAlive()) {
                pids.add(worker.process().pid());
            }
        }
    }

    /**
     * Returns the number of tasks on workers.
     *
     * @return the count
     */
    int running() {
        assert runThread.isCurrent() : "running off the run thread";
        int running = 0;
        for (final WorkerProcess worker : workers) {
            if (worker != null && worker.current() != null) {
                running++;
            }
        }
        return running;
    }

    /**
     * Returns the number of workers past their handshake and alive.
     *
     * @return the count
     */
    int ready() {
        assert runThread.isCurrent() : "ready off the run thread";
        int ready = 0;
        for (final WorkerProcess worker : workers) {
            if (worker != null
                    && (worker.state() == WorkerProcess.State.IDLE || worker.state() == WorkerProcess.State.BUSY)) {
                ready++;
            }
        }
        return ready;
    }

    /**
     * Returns how many worker starts were asked for.
     *
     * @return the count, replacements and starts that failed included
     */
    long starts() {
        assert runThread.isCurrent() : "starts off the run thread";
        return starts;
    }

    /**
     * Returns how many workers crashed (or could not be started).
     *
     * @return the count
     */
    long crashes() {
        assert runThread.isCurrent() : "crashes off the run thread";
        return crashes;
    }

    private boolean isLive(final WorkerProcess worker) {
        assert runThread.isCurrent() : "isLive off the run thread";
        return workers[worker.slot()] == worker && worker.state() != WorkerProcess.State.DEAD;
    }

    private void crash(final WorkerProcess worker, final String reason) {
        assert runThread.isCurrent() : "crash off the run thread";
        LOG.log(System.Logger.Level.WARNING, reason);
        final String tail = worker.stderrSinceDispatch();
        if (worker.state() == WorkerProcess.State.STARTING) {
            startFailed(reason, tail);
        }
        final QueuedTask task = worker.kill(true);
        crashes++;
        if (task != null) {
            outcomes.emit(new Outcome.WorkerCrashed(task.id(), task.type(), reason, tail));
        }
    }

    /**
     * Counts a worker that failed before its handshake; at {@code startAttempts} in a row, gives up starting workers
     * and logs why, with the command line and the stderr tail.
     */
    private void startFailed(final String reason, final String stderrTail) {
        assert runThread.isCurrent() : "startFailed off the run thread";
        if (unavailable != null || ++failedStarts < startAttempts) {
            return;
        }
        unavailable = "no worker process could be started: " + failedStarts + " failed their start in a row (last: "
                + reason + "); worker command line: " + String.join(" ", command);
        unavailableTail = stderrTail;
        LOG.log(
                System.Logger.Level.ERROR,
                unavailable + "; function tasks now end WorkerUnavailable"
                        + (stderrTail.isEmpty()
                                ? "; the worker wrote nothing on stderr"
                                : "; its stderr ends with:\n" + stderrTail));
    }

    /**
     * Why no worker is started any more, once {@code startAttempts} starts in a row have failed.
     *
     * @return the reason, or {@code null} while workers are started
     */
    String unavailable() {
        assert runThread.isCurrent() : "unavailable off the run thread";
        return unavailable;
    }

    private static String abbreviate(final String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
