package dev.weft.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Flight Recorder event for a failure a reactor contained (a tasklet, handler or message that threw and was
 * isolated). Committed by every {@link dev.weft.reactor.ReactorGroup} for each failure it reports to its listener.
 */
@Name("dev.weft.TaskletFailure")
@Label("Tasklet Failure")
@Category({"weft", "Reactor"})
@Description("A tasklet, handler or message threw and was isolated")
public final class TaskletFailureEvent extends Event {

    /** The reactor's name. */
    @Label("Reactor")
    public String reactor;

    /** The strand's name, or null for reactor-level work. */
    @Label("Strand")
    public String strand;

    /** The kind of work that failed, lower case. */
    @Label("Kind")
    public String kind;

    /** The tasklet, registration or message. */
    @Label("Source")
    public String source;

    /** The exception's class and message. */
    @Label("Error")
    public String error;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public TaskletFailureEvent() {}
}
