package dev.weft.process;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Runs tasks inline on the scheduler's run thread: the zero-worker mode of Pantavisor's plan, where tasks run "at the
 * end of the main loop" as Pantavisor's current code does, a configured number per {@code run()}.
 *
 * <p>A Java function is called directly; it cannot be stopped, so if it returns after its timeout it is reported as
 * {@link Outcome.TimedOut} with {@code killed == false}, how far past the deadline it returned, and its result
 * dropped. A command is started as a child and waited for until its deadline, then killed with its process group, as
 * upstream's {@code tsh_run} with {@code wait}. Times come from the scheduler's clock; the wait for a command is a real
 * blocking wait of the time left on that clock. Used only by the run thread, so it keeps one instance per function
 * class without locks.
 */
final class InlineRunner {

    private final FunctionLoader functions;
    private final JsonMapper json;
    private final int stderrTailBytes;
    private final LongSupplier clock;

    /**
     * Creates the runner.
     *
     * @param functions the loader of function classes (owned by this runner from now on)
     * @param json the mapper that parses command output
     * @param stderrTailBytes how much of a command's stderr to keep
     * @param clock the scheduler's clock, in {@link System#nanoTime()} terms
     */
    InlineRunner(
            final FunctionLoader functions,
            final JsonMapper json,
            final int stderrTailBytes,
            final LongSupplier clock) {
        this.functions = functions;
        this.json = json;
        this.stderrTailBytes = stderrTailBytes;
        this.clock = clock;
    }

    /**
     * Runs up to {@code max} waiting tasks, best first, each to its outcome.
     *
     * @param waiting the waiting tasks (all in one queue in this mode)
     * @param max the most to run
     * @param outcomes where their outcomes go
     * @return how many ran
     */
    int runQueued(final WaitingTasks waiting, final int max, final Outcomes outcomes) {
        int ran = 0;
        while (ran < max) {
            final QueuedTask task = waiting.pollFunction(clock.getAsLong());
            if (task == null) {
                break;
            }
            outcomes.emit(run(task));
            ran++;
        }
        return ran;
    }

    /**
     * Runs a task to its outcome.
     *
     * @param task the task
     * @return its outcome
     */
    Outcome run(final QueuedTask task) {
        return task.task().kind() == ProcessTask.Kind.FUNCTION ? function(task) : command(task);
    }

    /**
     * Returns the bytes a command gets on stdin.
     *
     * @param task the task
     * @return its input JSON as UTF-8, or {@code null} if it has none
     */
    static byte[] inputBytes(final QueuedTask task) {
        return task.input() == null ? null : task.input().toString().getBytes(StandardCharsets.UTF_8);
    }

    private Outcome function(final QueuedTask task) {
        final long start = clock.getAsLong();
        final JsonNode data;
        try {
            data = functions
                    .instance(task.task().functionClass().orElseThrow())
                    .apply(task.input() == null ? NullNode.getInstance() : task.input());
        } catch (final Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            final StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new Outcome.Failed(task.id(), task.type(), String.valueOf(e), OptionalInt.empty(), trace.toString());
        }
        final long elapsed = Math.max(0, clock.getAsLong() - start);
        if (task.timeoutNanos() >= 0 && elapsed > task.timeoutNanos()) {
            return new Outcome.TimedOut(
                    task.id(),
                    task.type(),
                    Duration.ofNanos(task.timeoutNanos()),
                    false,
                    "",
                    Duration.ofNanos(elapsed - task.timeoutNanos()));
        }
        return new Outcome.Ok(
                task.id(),
                task.type(),
                data == null ? NullNode.getInstance() : data,
                OptionalInt.empty(),
                Duration.ofNanos(elapsed));
    }

    private Outcome command(final QueuedTask task) {
        final CommandRun run;
        try {
            run = CommandRun.start(
                    task,
                    ProcessGroups.leaderCommand(task.task().argv()),
                    inputBytes(task),
                    stderrTailBytes,
                    clock.getAsLong());
        } catch (final IOException e) {
            return new Outcome.Failed(
                    task.id(),
                    task.type(),
                    "cannot start command " + task.task().argv() + ": " + e.getMessage(),
                    OptionalInt.empty(),
                    "");
        }
        try {
            final CommandRun.Exit exit = run.deadlineNanos() == Long.MAX_VALUE
                    ? run.done().get()
                    : run.done().get(Math.max(0, run.deadlineNanos() - clock.getAsLong()), TimeUnit.NANOSECONDS);
            return CommandResults.outcome(json, run, exit, clock.getAsLong());
        } catch (final TimeoutException e) {
            final long late = Math.max(0, clock.getAsLong() - run.deadlineNanos());
            run.kill();
            run.done().join();
            return new Outcome.TimedOut(
                    task.id(),
                    task.type(),
                    Duration.ofNanos(task.timeoutNanos()),
                    true,
                    run.stderrTail(),
                    Duration.ofNanos(late));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            run.kill();
            run.done().join();
            return new Outcome.Cancelled(
                    task.id(),
                    task.type(),
                    "run thread interrupted while the command ran; " + "command pid "
                            + run.process().pid() + " was killed");
        } catch (final ExecutionException e) {
            run.kill();
            return new Outcome.Failed(
                    task.id(),
                    task.type(),
                    "command " + task.task().argv() + " failed: " + e.getCause(),
                    OptionalInt.empty(),
                    run.stderrTail());
        }
    }
}
