package dev.weft.process;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * The one reported end of a submitted {@link ProcessTask}. Every task id returned by
 * {@link ProcessScheduler#submit(ProcessTask)} reaches its type's {@link OutcomeHandler} exactly once, as exactly one
 * of these records: {@link Ok}, {@link Failed}, {@link TimedOut}, {@link WorkerCrashed},
 * {@link WorkerUnavailable}, {@link Cancelled} or {@link Rejected}. Switch over it with pattern matching; the set is
 * sealed.
 */
public sealed interface Outcome
        permits Outcome.Ok,
                Outcome.Failed,
                Outcome.TimedOut,
                Outcome.WorkerCrashed,
                Outcome.WorkerUnavailable,
                Outcome.Cancelled,
                Outcome.Rejected {

    /**
     * Returns the task's id, as returned by {@link ProcessScheduler#submit(ProcessTask)}.
     *
     * @return the id
     */
    long id();

    /**
     * Returns the task's result type, the key its handler was registered under.
     *
     * @return the type
     */
    String type();

    /**
     * The task finished and produced a result {@code {"type": type, "data": data}}.
     *
     * @param id the task id
     * @param type the result type
     * @param data the result data
     * @param exitStatus a command task's exit status (always 0 here); empty for a function task
     * @param elapsed time from dispatch to result
     */
    record Ok(long id, String type, JsonNode data, OptionalInt exitStatus, Duration elapsed) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param data the result data
         * @param exitStatus the exit status, if a command
         * @param elapsed time from dispatch to result
         */
        public Ok {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(exitStatus, "exitStatus");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /**
     * The task ran and failed: a function threw, or a command exited with a non-zero status or printed something on
     * stdout that is not a JSON result.
     *
     * @param id the task id
     * @param type the result type
     * @param error what went wrong, in one line (exception and message, or exit status, or the parse error)
     * @param exitStatus a command task's exit status; empty for a function task
     * @param detail the function's stack trace or the command's stderr tail (may be empty)
     */
    record Failed(long id, String type, String error, OptionalInt exitStatus, String detail) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param error what went wrong
         * @param exitStatus the exit status, if a command
         * @param detail stack trace or stderr tail
         */
        public Failed {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(exitStatus, "exitStatus");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The task passed its timeout. With workers, or for a command, its process was killed with SIGKILL
     * ({@code killed} is true) by the first {@code run()} at or after its deadline; an inline Java function cannot be
     * killed, so it is reported when it returns, its result discarded ({@code killed} is false).
     *
     * @param id the task id
     * @param type the result type
     * @param timeout the timeout the task had
     * @param killed whether a process was killed to end it
     * @param stderrTail the tail of the stderr of the process that ran it (may be empty)
     * @param late how long after its deadline the task was ended (the kill ordered, or the inline function returned),
     *     measured on the scheduler's clock; never negative
     */
    record TimedOut(long id, String type, Duration timeout, boolean killed, String stderrTail, Duration late)
            implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param timeout the timeout
         * @param killed whether a process was killed
         * @param stderrTail stderr tail
         * @param late how long after the deadline it ended
         */
        public TimedOut {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(stderrTail, "stderrTail");
            Objects.requireNonNull(late, "late");
            if (late.isNegative()) {
                throw new IllegalArgumentException("TimedOut late must not be negative, got " + late);
            }
        }
    }

    /**
     * The worker process running the task died under it (it exited, halted, was killed from outside or broke the
     * wire protocol). Only the task that was on that worker gets this outcome; the worker is replaced.
     *
     * @param id the task id
     * @param type the result type
     * @param reason how the worker died, with its pid and exit status or the protocol error
     * @param stderrTail the tail of the worker's stderr since the task was dispatched (may be empty)
     */
    record WorkerCrashed(long id, String type, String reason, String stderrTail) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param reason how the worker died
         * @param stderrTail stderr tail
         */
        public WorkerCrashed {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(stderrTail, "stderrTail");
        }
    }

    /**
     * The task needed a worker process and none can be started: worker JVMs failed their start handshake
     * {@link ProcessSchedulerBuilder#workerStartAttempts(int) workerStartAttempts} times in a row, so the scheduler
     * stopped starting them. Every function task queued then, and every one submitted after, ends so; command
     * tasks, which need no worker, still run.
     *
     * @param id the task id
     * @param type the result type
     * @param reason why no worker can start: the last failure and the worker's command line
     * @param stderrTail the tail of the last failed worker's stderr (may be empty)
     */
    record WorkerUnavailable(long id, String type, String reason, String stderrTail) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param reason why no worker can start
         * @param stderrTail stderr tail
         */
        public WorkerUnavailable {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(stderrTail, "stderrTail");
        }
    }

    /**
     * The task was cancelled by {@link ProcessScheduler#cancel(long)}, by cancelling its {@link TaskHandle#outcome()}
     * future, or by {@link ProcessScheduler#stop()}, before or while it ran (a running task's process is killed).
     *
     * @param id the task id
     * @param type the result type
     * @param reason who cancelled it and whether it was running
     */
    record Cancelled(long id, String type, String reason) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param reason who cancelled it
         */
        public Cancelled {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The task was refused at submit and never ran.
     *
     * @param id the task id
     * @param type the result type
     * @param reason the problem, naming the bad field or value (unknown function, invalid JSON, bad timeout, queue
     *     full, scheduler stopped...)
     */
    record Rejected(long id, String type, String reason) implements Outcome {
        /**
         * Checks the components.
         *
         * @param id the task id
         * @param type the result type
         * @param reason the problem
         */
        public Rejected {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
