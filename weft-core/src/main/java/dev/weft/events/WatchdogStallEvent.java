package dev.weft.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * A Flight Recorder event for a reactor that a group's watchdog found stuck in one piece of work longer than its
 * threshold; committed once per episode, when the watchdog reports it.
 */
@Name("dev.weft.WatchdogStall")
@Label("Watchdog Stall")
@Category({"weft", "Reactor"})
@Description("A reactor stayed in one piece of work longer than its watchdog's threshold")
public final class WatchdogStallEvent extends Event {

    /** The reactor's name. */
    @Label("Reactor")
    public String reactor;

    /** What it was running, for example {@code tasklet 'tx' on strand 'video-1'}. */
    @Label("Activity")
    public String activity;

    /** How long it had been in that work when reported. */
    @Label("Stall")
    @Timespan(Timespan.NANOSECONDS)
    public long stallNanos;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public WatchdogStallEvent() {}
}
