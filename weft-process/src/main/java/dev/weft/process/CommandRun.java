package dev.weft.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One command task running as a child process: the process, a pump for its stdout (kept whole, up to a limit, as the
 * JSON result) and one for its stderr (kept as a tail), and a future that completes once the process has exited and
 * been reaped.
 *
 * <p>The pumps run on virtual threads so that reading two pipes per child costs no platform threads. {@link #done()}
 * completes after the exit and after both pipes reach end of file, but waits for the pipes at most {@link
 * #PIPE_GRACE_SECONDS} after the exit, because a background grandchild may keep them open for ever; what was read by
 * then is the result. The command leads its own process group ({@link ProcessGroups}), so a kill reaches everything it
 * spawned in one signal; {@link ParentDeathGuard} sends that kill if this JVM dies by SIGKILL. The scheduler's thread
 * owns the fields that are not final ({@code deadline}, {@code finished}).
 */
final class CommandRun {

    /** How long to wait for the pipes to close after the process has exited. */
    static final long PIPE_GRACE_SECONDS = 2;

    /** The most stdout kept; more makes the task fail. */
    static final int STDOUT_LIMIT = 16 << 20;

    /**
     * What the process left when it ended.
     *
     * @param status the exit status (128 + signal number when killed by a signal)
     * @param stdout what it printed on stdout, up to {@link #STDOUT_LIMIT}
     * @param stdoutOverflow whether it printed more than that
     */
    @SuppressWarnings("ArrayRecordComponent") // read once by the scheduler, never compared or hashed
    record Exit(int status, byte[] stdout, boolean stdoutOverflow) {}

    private final QueuedTask task;
    private final Process process;
    private final TailBuffer stderr;
    private final long startedAtNanos;
    private final long deadlineNanos;
    private final CompletableFuture<Exit> done;
    private boolean finished;

    private CommandRun(
            final QueuedTask task,
            final Process process,
            final TailBuffer stderr,
            final long startedAtNanos,
            final CompletableFuture<Exit> done) {
        this.task = task;
        this.process = process;
        this.stderr = stderr;
        this.startedAtNanos = startedAtNanos;
        this.deadlineNanos = task.deadlineFrom(startedAtNanos);
        this.done = done;
    }

    /**
     * Starts the command of a task.
     *
     * @param task the task (a command task)
     * @param commandLine the command line that starts the task's command ({@link Containment#command(List)})
     * @param inputBytes the input JSON to write to its stdin, or {@code null} to close stdin at once
     * @param stderrTail how many bytes of stderr to keep
     * @param startedAtNanos the start time on the scheduler's clock, the base of the task's deadline
     * @return the running command
     * @throws IOException if the process cannot be started
     */
    static CommandRun start(
            final QueuedTask task,
            final List<String> commandLine,
            final byte[] inputBytes,
            final int stderrTail,
            final long startedAtNanos)
            throws IOException {
        final Process process = new ProcessBuilder(commandLine).start();
        ChildRegistry.register(process);
        ParentDeathGuard.watch(process);
        final TailBuffer stderr = new TailBuffer(stderrTail);
        final OutputStream stdin = process.getOutputStream();
        if (inputBytes == null) {
            stdin.close();
        } else {
            Thread.ofVirtual().name("weft-cmd-stdin-" + process.pid()).start(() -> writeAndClose(stdin, inputBytes));
        }
        final Collector stdout = new Collector();
        final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
        final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
        Thread.ofVirtual().name("weft-cmd-out-" + process.pid()).start(() -> {
            stdout.drain(process.getInputStream());
            stdoutDone.complete(null);
        });
        Thread.ofVirtual().name("weft-cmd-err-" + process.pid()).start(() -> {
            stderr.drain(process.getErrorStream());
            stderrDone.complete(null);
        });
        final CompletableFuture<Exit> done = process.onExit()
                .thenCompose(exited -> CompletableFuture.allOf(stdoutDone, stderrDone)
                        .completeOnTimeout(null, PIPE_GRACE_SECONDS, TimeUnit.SECONDS)
                        .thenApply(ignored -> new Exit(exited.exitValue(), stdout.bytes(), stdout.overflowed())));
        return new CommandRun(task, process, stderr, startedAtNanos, done);
    }

    private static void writeAndClose(final OutputStream stdin, final byte[] bytes) {
        try (stdin) {
            stdin.write(bytes);
        } catch (final IOException e) {
            // The command exited without reading its input; its exit status tells the rest.
            return;
        }
    }

    /**
     * Returns the task.
     *
     * @return the task
     */
    QueuedTask task() {
        return task;
    }

    /**
     * Returns the process.
     *
     * @return the process
     */
    Process process() {
        return process;
    }

    /**
     * Returns when the command must be killed.
     *
     * @return the deadline on the scheduler's clock, {@link Long#MAX_VALUE} for none
     */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Returns when the command started.
     *
     * @return the start on the scheduler's clock
     */
    long startedAtNanos() {
        return startedAtNanos;
    }

    /**
     * Returns the future that completes when the process has ended and been reaped.
     *
     * @return the exit
     */
    CompletableFuture<Exit> done() {
        return done;
    }

    /**
     * Returns the stderr tail so far.
     *
     * @return the text
     */
    String stderrTail() {
        return stderr.since(0);
    }

    /**
     * Whether the task's outcome was already decided (timed out or cancelled) while the process was still being
     * reaped.
     *
     * @return true if decided
     */
    boolean finished() {
        return finished;
    }

    /** Records that the task's outcome was decided before the process ended. */
    void markFinished() {
        finished = true;
    }

    /** Kills the command and its descendants with SIGKILL. */
    void kill() {
        ProcessTrees.kill(process);
    }

    /** Sends SIGTERM to the command and its descendants. */
    void terminate() {
        ProcessTrees.terminate(process);
    }

    /** Keeps a stream's bytes up to {@link #STDOUT_LIMIT}, draining and counting the rest. */
    private static final class Collector {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean overflow;

        void drain(final InputStream in) {
            final byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    append(chunk, n);
                }
            } catch (final IOException e) {
                // The pipe was closed by a kill: the bytes so far are all there is.
                return;
            }
        }

        private synchronized void append(final byte[] chunk, final int n) {
            if (kept.size() + n > STDOUT_LIMIT) {
                overflow = true;
            } else {
                kept.write(chunk, 0, n);
            }
        }

        synchronized byte[] bytes() {
            return kept.toByteArray();
        }

        synchronized boolean overflowed() {
            return overflow;
        }
    }

    @Override
    public String toString() {
        return "command " + task.task().argv() + " pid " + process.pid() + " for task " + task.id() + " (" + task.type()
                + ")";
    }
}
