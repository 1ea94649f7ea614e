package dev.weft.process;

import dev.weft.process.events.ProcessTimeoutEvent;
import dev.weft.process.events.WorkerCrashEvent;

/** Commits the Flight Recorder event of an outcome that has one (timed out, worker crashed). */
final class OutcomeEvents {

    private OutcomeEvents() {}

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
