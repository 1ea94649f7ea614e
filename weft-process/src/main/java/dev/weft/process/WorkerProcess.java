package dev.weft.process;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scheduler's side of one worker JVM ({@link WorkerMain}): the process, its stdin for requests, a pump that reads
 * its stdout frames, a pump that keeps its stderr tail, and the worker's state as the scheduler sees it.
 *
 * <p><b>Implementation overview.</b> The stdout pump (a virtual thread) reads {@link Frames}, parses each as a JSON
 * object and posts it to the scheduler's inbox; a frame that breaks the protocol is posted as
 * {@link Event.WorkerBroken} and ends the pump. When the process has exited, and its stdout and stderr have reached
 * end of file (so every frame it wrote is already in the inbox and its last words are in the stderr tail), an
 * {@link Event.WorkerExited} follows. Requests are written on
 * the scheduler's thread when they fit in the pipe's buffer: the worker is idle when it gets one, so its previous
 * request was read whole and the pipe is empty, and the write cannot block; larger requests are written by a virtual
 * thread. The worker leads its own process group ({@link ProcessGroups}), so a kill is one signal. All non-final
 * fields belong to the scheduler's thread.
 */
final class WorkerProcess {

    /** The worker's life as the scheduler sees it. */
    enum State {
        /** Started; its ready handshake has not arrived. */
        STARTING,
        /** Ready and without a task. */
        IDLE,
        /** Running {@link #current()}. */
        BUSY,
        /** Killed or found dead; waiting to be reaped. */
        DEAD
    }

    /** Requests up to this size are written on the scheduler's thread (a Linux pipe holds 64 KiB). */
    private static final int INLINE_WRITE_LIMIT = 32 << 10;

    private final int slot;
    private final Process process;
    private final OutputStream stdin;
    private final TailBuffer stderr;
    private final long startDeadlineNanos;
    private State state = State.STARTING;
    private QueuedTask current;
    private long dispatchedAtNanos;
    private long deadlineNanos = Long.MAX_VALUE;
    private long stderrMark;
    private boolean crashed;
    private boolean cancelledByStop;

    private WorkerProcess(
            final int slot, final Process process, final TailBuffer stderr, final long startDeadlineNanos) {
        this.slot = slot;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.stderr = stderr;
        this.startDeadlineNanos = startDeadlineNanos;
    }

    /**
     * Starts a worker process; its pumps start with {@link #startPumps(JsonMapper, Consumer)}, once the scheduler
     * has been told of the worker, so that its events never overtake the news of its start.
     *
     * @param slot the worker slot it fills
     * @param commandLine the command line that starts the worker JVM ({@link Containment#command(List)})
     * @param stderrTail how many bytes of stderr to keep
     * @param startDeadlineNanos when the handshake must have arrived, on the scheduler's clock
     * @return the worker, in state {@link State#STARTING}
     * @throws IOException if the process cannot be started
     */
    static WorkerProcess launch(
            final int slot, final List<String> commandLine, final int stderrTail, final long startDeadlineNanos)
            throws IOException {
        final Process process = new ProcessBuilder(commandLine).start();
        ChildRegistry.register(process);
        return new WorkerProcess(slot, process, new TailBuffer(stderrTail), startDeadlineNanos);
    }

    /**
     * Starts the pumps of stdout (frames) and stderr (the tail), and posts {@link Event.WorkerExited} once the
     * process has exited and both pipes have closed.
     *
     * @param json the mapper used to parse frames
     * @param inbox where events go
     */
    void startPumps(final JsonMapper json, final Consumer<Event> inbox) {
        final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
        Thread.ofVirtual().name("weft-worker-out-" + process.pid()).start(() -> {
            try {
                pumpFrames(json, inbox);
            } finally {
                stdoutDone.complete(null);
            }
        });
        final CompletableFuture<Void> stderrDone = new CompletableFuture<>();
        Thread.ofVirtual().name("weft-worker-err-" + process.pid()).start(() -> {
            stderr.drain(process.getErrorStream());
            stderrDone.complete(null);
        });
        process.onExit()
                .thenCompose(exited -> CompletableFuture.allOf(stdoutDone, stderrDone)
                        .completeOnTimeout(null, CommandRun.PIPE_GRACE_SECONDS, TimeUnit.SECONDS))
                .thenRun(() -> inbox.accept(new Event.WorkerExited(this, process.exitValue())));
    }

    private void pumpFrames(final JsonMapper json, final Consumer<Event> inbox) {
        final DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        try (in) {
            byte[] frame;
            while ((frame = Frames.read(in)) != null) {
                final JsonNode message;
                try {
                    message = json.readTree(frame);
                } catch (final JacksonException e) {
                    inbox.accept(new Event.WorkerBroken(this, "frame is not JSON: " + e.getOriginalMessage()));
                    return;
                }
                if (message == null || !message.isObject()) {
                    inbox.accept(new Event.WorkerBroken(this, "frame is not a JSON object"));
                    return;
                }
                inbox.accept(new Event.WorkerMessage(this, message));
            }
        } catch (final Frames.ProtocolException e) {
            inbox.accept(new Event.WorkerBroken(this, e.getMessage()));
        } catch (final IOException e) {
            // The pipe closed under a killed worker; its exit event reports the rest.
            return;
        }
    }

    /**
     * Sends a request to run a task and marks the worker busy with it.
     *
     * @param task the task
     * @param frame the request's JSON bytes
     * @param nowNanos the dispatch time
     */
    void dispatch(final QueuedTask task, final byte[] frame, final long nowNanos) {
        current = task;
        state = State.BUSY;
        dispatchedAtNanos = nowNanos;
        deadlineNanos = task.deadlineFrom(nowNanos);
        stderrMark = stderr.mark();
        if (frame.length <= INLINE_WRITE_LIMIT) {
            write(frame);
        } else {
            Thread.ofVirtual().name("weft-worker-in-" + process.pid()).start(() -> write(frame));
        }
    }

    private void write(final byte[] frame) {
        try {
            Frames.write(stdin, frame);
        } catch (final IOException e) {
            // The worker died; its exit event will end the task as crashed.
            return;
        }
    }

    /**
     * Ends the current task: the worker is idle again.
     *
     * @return the task it was running
     */
    QueuedTask finishTask() {
        final QueuedTask task = current;
        current = null;
        deadlineNanos = Long.MAX_VALUE;
        state = State.IDLE;
        return task;
    }

    /** Records the ready handshake. */
    void ready() {
        state = State.IDLE;
    }

    /**
     * Kills the worker with SIGKILL and marks it dead; it is replaced once reaped.
     *
     * @param asCrash whether this counts as a crash for the restart backoff
     * @return the task it was running, or {@code null}
     */
    QueuedTask kill(final boolean asCrash) {
        final QueuedTask task = current;
        current = null;
        deadlineNanos = Long.MAX_VALUE;
        state = State.DEAD;
        crashed |= asCrash;
        ProcessTrees.kill(process);
        return task;
    }

    /**
     * Closes the worker's stdin, its signal to exit cleanly, and sends SIGTERM.
     */
    void terminate() {
        state = State.DEAD;
        current = null;
        try {
            stdin.close();
        } catch (final IOException e) {
            // Already closed by a dead worker: SIGTERM follows anyway.
        }
        ProcessTrees.terminate(process);
    }

    /**
     * Returns the slot this worker fills.
     *
     * @return the slot index
     */
    int slot() {
        return slot;
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
     * Returns the state.
     *
     * @return the state
     */
    State state() {
        return state;
    }

    /**
     * Returns the task being run.
     *
     * @return the task, or {@code null}
     */
    QueuedTask current() {
        return current;
    }

    /**
     * Returns when the current task must be killed.
     *
     * @return the deadline, {@link Long#MAX_VALUE} for none
     */
    long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Returns when the handshake must have arrived.
     *
     * @return the start deadline
     */
    long startDeadlineNanos() {
        return startDeadlineNanos;
    }

    /**
     * Returns when the current task was sent.
     *
     * @return the dispatch time
     */
    long dispatchedAtNanos() {
        return dispatchedAtNanos;
    }

    /**
     * Whether the worker's death counts as a crash for the restart backoff.
     *
     * @return true after a protocol violation or an unexpected exit
     */
    boolean crashed() {
        return crashed;
    }

    /** Records that a stopping scheduler has already reported the current task cancelled. */
    void cancelByStop() {
        cancelledByStop = true;
    }

    /**
     * Whether a stopping scheduler has already reported the current task cancelled.
     *
     * @return true once {@link #cancelByStop()} was called
     */
    boolean cancelledByStop() {
        return cancelledByStop;
    }

    /** Records that the worker died on its own. */
    void markCrashed() {
        crashed = true;
        state = State.DEAD;
    }

    /**
     * Returns the stderr tail since the current (or last) task was dispatched.
     *
     * @return the text
     */
    String stderrSinceDispatch() {
        return stderr.since(stderrMark);
    }

    @Override
    public String toString() {
        return "worker " + slot + " (pid " + process.pid() + ")";
    }
}
