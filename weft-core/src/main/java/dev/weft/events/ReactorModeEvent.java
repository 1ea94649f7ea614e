package dev.weft.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A Flight Recorder event for a reactor whose mode was switched (poll, sleep, interrupt). Committed by
 * {@link dev.weft.reactor.Reactor#mode(dev.weft.reactor.ReactorMode, String)} for every switch that changes the
 * mode, with the cause its caller gave: {@code rpc} for {@code weft_set_reactor_mode}, {@code balancer <name>} for a
 * balancing round, {@code api} for a plain call.
 */
@Name("dev.weft.ReactorModeSwitch")
@Label("Reactor Mode Switch")
@Category({"weft", "Reactor"})
@Description("A reactor's idle mode was switched")
public final class ReactorModeEvent extends Event {

    /** The reactor's name. */
    @Label("Reactor")
    public String reactor;

    /** The mode before, lower case. */
    @Label("From Mode")
    public String fromMode;

    /** The mode after, lower case. */
    @Label("To Mode")
    public String toMode;

    /** Who asked for the switch: {@code rpc}, {@code balancer <name>} or {@code api}. */
    @Label("Cause")
    public String cause;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public ReactorModeEvent() {}
}
