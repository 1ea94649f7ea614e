package dev.weft.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Flight Recorder event for a strand moved from one reactor to another; its duration spans the request and the
 * hand-over at the owning reactor's loop boundary. Committed by {@link dev.weft.reactor.ReactorGroup#move} for every
 * move, with the cause its caller gave: {@code rpc} for {@code weft_move_strand}, {@code balancer <name>} for a
 * balancing round, {@code api} for a plain call.
 */
@Name("dev.weft.StrandMove")
@Label("Strand Move")
@Category({"weft", "Reactor"})
@Description("A strand moved between reactors")
public final class StrandMoveEvent extends Event {

    /** The strand's id. */
    @Label("Strand Id")
    public long strandId;

    /** The strand's name. */
    @Label("Strand")
    public String strand;

    /** The index of the reactor it left. */
    @Label("From Reactor")
    public int fromReactor;

    /** The index of the reactor it moved to. */
    @Label("To Reactor")
    public int toReactor;

    /** Who asked for the move: {@code rpc}, {@code balancer <name>} or {@code api}. */
    @Label("Cause")
    public String cause;

    /** Whether the move completed (false when it failed or timed out). */
    @Label("Completed")
    public boolean completed;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public StrandMoveEvent() {}
}
