package dev.weft.process;

import tools.jackson.databind.JsonNode;

/**
 * What other threads hand to the scheduler's {@code run()} thread through its inbox: submissions and cancellations from
 * any thread, and what the launcher, pump and reaper threads observe of the child processes. The inbox is the only way
 * in, so all scheduler state has a single writer.
 */
sealed interface Event {

    /**
     * A task accepted at submit, to be queued.
     *
     * @param task the task
     * @param future the future of its outcome
     */
    record Submitted(QueuedTask task, OutcomeFuture future) implements Event {}

    /**
     * A task refused at submit, whose outcome is to be reported.
     *
     * @param outcome the rejection
     * @param future the future of the outcome
     */
    record Refused(Outcome.Rejected outcome, OutcomeFuture future) implements Event {}

    /**
     * A request to cancel a task.
     *
     * @param id the task id
     */
    record Cancel(long id) implements Event {}

    /**
     * The launcher started a worker process for a slot, or could not.
     *
     * @param slot the slot
     * @param worker the worker, {@code null} if it could not be started
     * @param failure why it could not be started, {@code null} if it was
     */
    record WorkerLaunched(int slot, WorkerProcess worker, String failure) implements Event {}

    /**
     * The launcher started a command, or could not.
     *
     * @param launch the start asked for
     * @param run the running command, {@code null} if it could not be started
     * @param failure why it could not be started, {@code null} if it was
     */
    record CommandLaunched(CommandSlots.Launch launch, CommandRun run, String failure) implements Event {}

    /**
     * A well-formed frame from a worker.
     *
     * @param worker the worker
     * @param message the frame's JSON object
     */
    record WorkerMessage(WorkerProcess worker, JsonNode message) implements Event {}

    /**
     * A worker broke the wire protocol.
     *
     * @param worker the worker
     * @param problem what was wrong
     */
    record WorkerBroken(WorkerProcess worker, String problem) implements Event {}

    /**
     * A worker process ended and was reaped; sent after its last frame.
     *
     * @param worker the worker
     * @param status its exit status (128 + signal number when killed by a signal)
     */
    record WorkerExited(WorkerProcess worker, int status) implements Event {}

    /**
     * A command process ended and was reaped.
     *
     * @param run the command
     * @param exit its status and output
     */
    record CommandExited(CommandRun run, CommandRun.Exit exit) implements Event {}
}
