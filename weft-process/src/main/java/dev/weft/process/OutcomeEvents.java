package dev.weft.process;

import dev.weft.process.events.ProcessTimeoutEvent;
import dev.weft.process.events.WorkerCrashEvent;

/**
 * Commits the Flight Recorder event of an outcome that has one (timed out, worker crashed). {@link #prepare()} sets
 * the events up ahead of time: the first event class a JVM uses makes the Flight Recorder load its metadata, whether
 * or not a recording runs, and that load would otherwise delay the first timed-out task's outcome.
 */
final class OutcomeEvents {

    private OutcomeEvents() {}

    /** Loads and registers both event classes, off the run thread (the scheduler's launcher runs it at start). */
    static void prepare() {
        new ProcessTimeoutEvent().isEnabled();
        new WorkerCrashEvent().isEnabled();
    }

    static void reached(final Outcome outcome) {
        switch (outcome) {
            case Outcome.TimedOut late -> {
                final ProcessTimeoutEvent event = new ProcessTimeoutEvent();
                if (event.shouldCommit()) {
                    event.taskId = late.id();
                    event.type = late.type();
                    event.timeoutMillis = late.timeout().toMillis();
                    event.killed = late.killed();
                    event.lateNanos = late.late().toNanos();
                    event.commit();
                }
            }
            case Outcome.WorkerCrashed crashed -> {
                final WorkerCrashEvent event = new WorkerCrashEvent();
                if (event.shouldCommit()) {
                    event.taskId = crashed.id();
                    event.type = crashed.type();
                    event.reason = crashed.reason();
                    event.commit();
                }
            }
            default -> {}
        }
    }
}
