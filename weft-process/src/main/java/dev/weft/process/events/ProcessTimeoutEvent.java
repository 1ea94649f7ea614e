package dev.weft.process.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A Flight Recorder event for a process task that passed its timeout (and whose worker was killed, unless it ran
 * inline). Committed by the {@link dev.weft.process.ProcessScheduler} when it reaches the task's
 * {@link dev.weft.process.Outcome.TimedOut} outcome.
 */
@Name("dev.weft.ProcessTimeout")
@Label("Process Task Timeout")
@Category({"weft", "Process"})
@Description("A process task passed its timeout")
public final class ProcessTimeoutEvent extends Event {

    /** The task's id. */
    @Label("Task Id")
    public long taskId;

    /** The task's result type. */
    @Label("Type")
    public String type;

    /** The timeout it passed. */
    @Label("Timeout")
    @Timespan(Timespan.MILLISECONDS)
    public long timeoutMillis;

    /** Whether its worker or command was killed. */
    @Label("Killed")
    public boolean killed;

    /** How long after its deadline the task was ended (the kill ordered, or the inline function returned). */
    @Label("Kill Lateness")
    @Timespan(Timespan.NANOSECONDS)
    public long lateNanos;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public ProcessTimeoutEvent() {}
}
