package dev.weft.process.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Flight Recorder event for a worker process that died under a task (it exited, halted, was killed from outside or
 * broke the wire protocol). Committed by the {@link dev.weft.process.ProcessScheduler} when it reaches the task's
 * {@link dev.weft.process.Outcome.WorkerCrashed} outcome.
 */
@Name("dev.weft.WorkerCrash")
@Label("Worker Process Crash")
@Category({"weft", "Process"})
@Description("A worker process died under a task")
public final class WorkerCrashEvent extends Event {

    /** The task's id. */
    @Label("Task Id")
    public long taskId;

    /** The task's result type. */
    @Label("Type")
    public String type;

    /** How the worker died, with its pid and exit status or the protocol error. */
    @Label("Reason")
    public String reason;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public WorkerCrashEvent() {}
}
