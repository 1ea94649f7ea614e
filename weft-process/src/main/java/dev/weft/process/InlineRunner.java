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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Runs a task inline on the scheduler's run thread: the zero-worker mode of seed 003, where tasks run "at the end of
 * the main loop" as Pantavisor's current code does.
 *
 * <p>A Java function is called directly; it cannot be stopped, so if it returns after its timeout it is reported as
 * {@link Outcome.TimedOut} with {@code killed == false} and its result is dropped. A command is started as a child
 * and waited for until its deadline, then killed with its process group, as upstream's {@code tsh_run} with
 * {@code wait}. Used only by the run thread, so it keeps one instance per function class without locks.
 */
final class InlineRunner {

    private final FunctionLoader functions;
    private final JsonMapper json;
    private final int stderrTailBytes;

    /**
     * Creates the runner.
     *
     * @param functions the loader of function classes (owned by this runner from now on)
     * @param json the mapper that parses command output
     * @param stderrTailBytes how much of a command's stderr to keep
     */
    InlineRunner(final FunctionLoader functions, final JsonMapper json, final int stderrTailBytes) {
        this.functions = functions;
        this.json = json;
        this.stderrTailBytes = stderrTailBytes;
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
        final long start = System.nanoTime();
        final JsonNode data;
        try {
            data = functions.instance(task.task().functionClass().orElseThrow())
                    .apply(task.input() == null ? NullNode.getInstance() : task.input());
        } catch (final Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            final StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return new Outcome.Failed(task.id(), task.type(), String.valueOf(e), OptionalInt.empty(),
                    trace.toString());
        }
        final long elapsed = System.nanoTime() - start;
        if (task.timeoutNanos() >= 0 && elapsed > task.timeoutNanos()) {
            return new Outcome.TimedOut(task.id(), task.type(), Duration.ofNanos(task.timeoutNanos()), false, "");
        }
        return new Outcome.Ok(task.id(), task.type(), data == null ? NullNode.getInstance() : data,
                OptionalInt.empty(), Duration.ofNanos(elapsed));
    }

    private Outcome command(final QueuedTask task) {
        final CommandRun run;
        try {
            run = CommandRun.start(task, inputBytes(task), stderrTailBytes);
        } catch (final IOException e) {
            return new Outcome.Failed(task.id(), task.type(), "cannot start command " + task.task().argv() + ": "
                    + e.getMessage(), OptionalInt.empty(), "");
        }
        try {
            final CommandRun.Exit exit = run.deadlineNanos() == Long.MAX_VALUE ? run.done().get()
                    : run.done().get(Math.max(0, run.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
            return CommandResults.outcome(json, run, exit, System.nanoTime());
        } catch (final TimeoutException e) {
            run.kill();
            run.done().join();
            return new Outcome.TimedOut(task.id(), task.type(), Duration.ofNanos(task.timeoutNanos()), true,
                    run.stderrTail());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            run.kill();
            run.done().join();
            return new Outcome.Cancelled(task.id(), task.type(), "run thread interrupted while the command ran; "
                    + "command pid " + run.process().pid() + " was killed");
        } catch (final ExecutionException e) {
            run.kill();
            return new Outcome.Failed(task.id(), task.type(), "command " + task.task().argv() + " failed: "
                    + e.getCause(), OptionalInt.empty(), run.stderrTail());
        }
    }
}
