package dev.weft.rpc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A Flight Recorder event for a process task that passed its timeout (and whose worker was killed, unless it ran
 * inline). Committed by {@link dev.weft.rpc.methods.OutcomeLog} for every timed-out outcome it sees.
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

    /** Creates an event; set the fields, then {@link #commit()}. */
    public ProcessTimeoutEvent() {
    }
}
