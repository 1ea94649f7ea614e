package dev.weft.rpc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Flight Recorder event for a strand moved from one reactor to another; its duration spans the request and the
 * hand-over at the owning reactor's loop boundary. Committed by the control plane for every move it makes
 * ({@code weft_move_strand}, cause {@code rpc}) and by {@link BalancingEvents} for every move a balancer makes
 * (cause {@code balancer <name>}).
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

    /** Who asked for the move: {@code rpc} or {@code balancer <name>}. */
    @Label("Cause")
    public String cause;

    /** Whether the move completed (false when it failed or timed out). */
    @Label("Completed")
    public boolean completed;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public StrandMoveEvent() {
    }
}
