package dev.weft.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command tasks of a {@link ProcessScheduler} that runs with workers: at most {@code slots} child processes at
 * once, each a {@link CommandRun}, from start to reaping.
 *
 * <p><b>Implementation overview.</b> {@link #dispatch(WaitingTasks, long)} starts waiting commands while a slot is
 * free; each run's reaping is posted to the scheduler's inbox as {@link Event.CommandExited}, and only then does the
 * run leave its slot and, if nothing decided its outcome first, get the outcome its exit and stdout call for
 * ({@link CommandResults}). A run past its deadline, or cancelled, is SIGKILLed with its whole process group and its
 * outcome decided at once ({@code finished}); it keeps its slot until it has been reaped, so the number of live
 * children never exceeds {@code slots}. Upstream's timeout rules: deadline = start + timeout, checked on every
 * {@code run()} ({@link #enforceDeadlines(long)}); {@link #untilNextDeadline(long, boolean)} says when the next is
 * due. Run thread only.
 */
final class CommandSlots {

    private final int slots;
    private final int stderrTailBytes;
    private final JsonMapper json;
    private final Consumer<Event> inbox;
    private final Outcomes outcomes;
    private final RunThread runThread;
    private final Launcher launcher;
    private final Containment containment;
    private final List<CommandRun> runs = new ArrayList<>();
    private final List<Launch> launching = new ArrayList<>();

    /**
     * A command handed to the launcher and not yet reported started; it holds a slot. Its fields belong to the run
     * thread.
     */
    static final class Launch {
        private final QueuedTask task;
        private final long deadlineNanos;
        private boolean cancelled;

        private Launch(final QueuedTask task, final long dispatchedAtNanos) {
            this.task = task;
            this.deadlineNanos = task.deadlineFrom(dispatchedAtNanos);
        }
    }

    /**
     * Creates empty slots.
     *
     * @param slots how many commands may run at once
     * @param stderrTailBytes how much of a command's stderr to keep
     * @param json the mapper that parses command output
     * @param inbox where exits go
     * @param outcomes where outcomes go
     * @param runThread the scheduler's run thread, the only one that may call the other methods
     * @param launcher the thread that starts the commands
     * @param containment how the commands are started and contained
     */
    CommandSlots(
            final int slots,
            final int stderrTailBytes,
            final JsonMapper json,
            final Consumer<Event> inbox,
            final Outcomes outcomes,
            final RunThread runThread,
            final Launcher launcher,
            final Containment containment) {
        this.containment = containment;
        this.runThread = runThread;
        this.launcher = launcher;
        this.slots = slots;
        this.stderrTailBytes = stderrTailBytes;
        this.json = json;
        this.inbox = inbox;
        this.outcomes = outcomes;
    }

    /**
     * Hands waiting commands to the launcher while slots are free; {@link #onLaunched(Launch, CommandRun, String)}
     * takes each result.
     *
     * @param waiting the waiting tasks
     * @param nowNanos the current time (the start of each task's timeout)
     * @return how many were taken from the queue
     */
    int dispatch(final WaitingTasks waiting, final long nowNanos) {
        assert runThread.isCurrent() : "dispatch off the run thread";
        int dispatched = 0;
        while (runs.size() + launching.size() < slots) {
            final QueuedTask task = waiting.pollCommand(nowNanos);
            if (task == null) {
                break;
            }
            dispatched++;
            final Launch launch = new Launch(task, nowNanos);
            launching.add(launch);
            final byte[] input = InlineRunner.inputBytes(task);
            launcher.execute(() -> launch(launch, input, nowNanos));
        }
        return dispatched;
    }

    /** On the launcher thread: starts a command, posts it (or the failure), then watches for its end. */
    private void launch(final Launch launch, final byte[] input, final long startedAtNanos) {
        assert launcher.isCurrent() : "launch off the launcher thread";
        final CommandRun run;
        try {
            run = CommandRun.start(
                    launch.task,
                    containment.command(launch.task.task().argv()),
                    input,
                    stderrTailBytes,
                    startedAtNanos);
            containment.started(run.process());
        } catch (final IOException | RuntimeException | Error e) {
            inbox.accept(new Event.CommandLaunched(
                    launch, null, String.valueOf(e.getMessage() != null ? e.getMessage() : e)));
            return;
        }
        inbox.accept(new Event.CommandLaunched(launch, run, null));
        run.done().thenAccept(exit -> inbox.accept(new Event.CommandExited(run, exit)));
    }

    /**
     * Takes the result of a start: the command runs in its slot (killed at once if its task was cancelled while it
     * started), or its task ends {@link Outcome.Failed} and the slot is free again.
     *
     * @param launch the start asked for
     * @param run the running command, or {@code null}
     * @param failure why it could not be started, or {@code null}
     */
    void onLaunched(final Launch launch, final CommandRun run, final String failure) {
        assert runThread.isCurrent() : "onLaunched off the run thread";
        if (!launching.remove(launch)) {
            if (run != null) {
                run.kill();
            }
            return;
        }
        if (run == null) {
            if (!launch.cancelled) {
                outcomes.emit(new Outcome.Failed(
                        launch.task.id(),
                        launch.task.type(),
                        "cannot start command " + launch.task.task().argv() + ": " + failure,
                        OptionalInt.empty(),
                        ""));
            }
            return;
        }
        runs.add(run);
        if (launch.cancelled) {
            run.kill();
            run.markFinished();
        }
    }

    /**
     * SIGKILLs every command at or past its deadline, with its process group; its task ends
     * {@link Outcome.TimedOut}, with how late the kill was.
     *
     * @param nowNanos the current time
     * @return how many were killed
     */
    int enforceDeadlines(final long nowNanos) {
        assert runThread.isCurrent() : "enforceDeadlines off the run thread";
        int killed = 0;
        for (final Launch launch : launching) {
            if (!launch.cancelled && launch.deadlineNanos != Long.MAX_VALUE && launch.deadlineNanos - nowNanos <= 0) {
                launch.cancelled = true;
                outcomes.emit(new Outcome.TimedOut(
                        launch.task.id(),
                        launch.task.type(),
                        Duration.ofNanos(launch.task.timeoutNanos()),
                        true,
                        "",
                        Duration.ofNanos(nowNanos - launch.deadlineNanos)));
                killed++;
            }
        }
        for (final CommandRun run : runs) {
            if (!run.finished() && run.deadlineNanos() != Long.MAX_VALUE && run.deadlineNanos() - nowNanos <= 0) {
                final long late = nowNanos - run.deadlineNanos();
                run.kill();
                run.markFinished();
                outcomes.emit(new Outcome.TimedOut(
                        run.task().id(),
                        run.task().type(),
                        Duration.ofNanos(run.task().timeoutNanos()),
                        true,
                        run.stderrTail(),
                        Duration.ofNanos(late)));
                killed++;
            }
        }
        return killed;
    }

    /**
     * Returns how long until the next command deadline.
     *
     * @param nowNanos the current time
     * @param commandsWaiting whether commands are waiting (then a free slot means work now)
     * @return nanoseconds, 0 for now, {@link Long#MAX_VALUE} for nothing timed
     */
    long untilNextDeadline(final long nowNanos, final boolean commandsWaiting) {
        assert runThread.isCurrent() : "untilNextDeadline off the run thread";
        if (commandsWaiting && runs.size() + launching.size() < slots) {
            return 0;
        }
        long next = Long.MAX_VALUE;
        for (final Launch launch : launching) {
            if (!launch.cancelled) {
                next = WorkerSlots.earlier(next, launch.deadlineNanos, nowNanos);
            }
        }
        for (final CommandRun run : runs) {
            if (!run.finished()) {
                next = WorkerSlots.earlier(next, run.deadlineNanos(), nowNanos);
            }
        }
        return Math.max(0, next);
    }

    /**
     * Handles a command's reaping: it leaves its slot and, unless already timed out or cancelled, gets its outcome.
     *
     * @param run the command
     * @param exit what it left
     * @param nowNanos the current time
     */
    void onExited(final CommandRun run, final CommandRun.Exit exit, final long nowNanos) {
        assert runThread.isCurrent() : "onExited off the run thread";
        if (runs.remove(run) && !run.finished()) {
            outcomes.emit(CommandResults.outcome(json, run, exit, nowNanos));
        }
    }

    /**
     * Cancels a task if it runs as a command: the command is killed with its group and the task ends
     * {@link Outcome.Cancelled}.
     *
     * @param id the task id
     * @return true if it ran here
     */
    boolean cancel(final long id) {
        assert runThread.isCurrent() : "cancel off the run thread";
        for (final Launch launch : launching) {
            if (launch.task.id() == id && !launch.cancelled) {
                launch.cancelled = true;
                outcomes.emit(new Outcome.Cancelled(
                        id, launch.task.type(), "cancelled while its command started; " + "it is killed once started"));
                return true;
            }
        }
        for (final CommandRun run : runs) {
            if (run.task().id() == id && !run.finished()) {
                run.kill();
                run.markFinished();
                outcomes.emit(new Outcome.Cancelled(
                        id,
                        run.task().type(),
                        "cancelled while running; command pid " + run.process().pid() + " was killed"));
                return true;
            }
        }
        return false;
    }

    /**
     * Ends every running command's task {@link Outcome.Cancelled} (the scheduler is stopping; the commands are
     * terminated next).
     *
     * @param reason the reason given
     */
    void cancelRunning(final String reason) {
        assert runThread.isCurrent() : "cancelRunning off the run thread";
        for (final Launch launch : launching) {
            if (!launch.cancelled) {
                launch.cancelled = true;
                outcomes.emit(new Outcome.Cancelled(launch.task.id(), launch.task.type(), reason));
            }
        }
        for (final CommandRun run : runs) {
            if (!run.finished()) {
                run.markFinished();
                outcomes.emit(new Outcome.Cancelled(run.task().id(), run.task().type(), reason));
            }
        }
    }

    /**
     * Sends every command's group SIGTERM and empties the slots.
     *
     * @return the command processes, to be awaited and killed if they linger
     */
    List<Process> terminateAll() {
        assert runThread.isCurrent() : "terminateAll off the run thread";
        final List<Process> processes = new ArrayList<>();
        for (final CommandRun run : runs) {
            run.terminate();
            processes.add(run.process());
        }
        runs.clear();
        launching.clear();
        return processes;
    }

    /**
     * Adds the pids of the live commands.
     *
     * @param pids where to add them
     */
    void addLivePids(final List<Long> pids) {
        assert runThread.isCurrent() : "addLivePids off the run thread";
        for (final CommandRun run : runs) {
            if (run.process().isAlive()) {
                pids.add(run.process().pid());
            }
        }
    }

    /**
     * Returns the number of commands whose outcome is still open.
     *
     * @return the count
     */
    int running() {
        assert runThread.isCurrent() : "running off the run thread";
        int running = 0;
        for (final Launch launch : launching) {
            if (!launch.cancelled) {
                running++;
            }
        }
        for (final CommandRun run : runs) {
            if (!run.finished()) {
                running++;
            }
        }
        return running;
    }
}
