package dev.weft.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;

/**
 * A periodic Flight Recorder event (every second by default) with the running totals of one micro-scheduler on its
 * worker pool: tasks executed, tasks stolen, tasks queued and worker sleeps, summed over its workers. Consecutive
 * events of one scheduler give its steal bursts and park rates.
 */
@Name("dev.weft.MicroSchedulerStatistics")
@Label("Micro-Scheduler Statistics")
@Category({"weft", "Fork"})
@Description("Running totals of a micro-scheduler's workers")
@Period("1 s")
public final class MicroSchedulerStatisticsEvent extends Event {

    /** The scheduler's name. */
    @Label("Scheduler")
    public String scheduler;

    /** The pool's name. */
    @Label("Pool")
    public String pool;

    /** The number of workers. */
    @Label("Workers")
    public int workers;

    /** Tasks executed since the scheduler started. */
    @Label("Executed")
    public long executed;

    /** Tasks stolen from another worker since the scheduler started. */
    @Label("Stolen")
    public long stolen;

    /** Tasks queued on the workers' deques now. */
    @Label("Queued")
    public long queued;

    /** Times a worker went to sleep for lack of work since the scheduler started. */
    @Label("Sleeps")
    public long sleeps;

    /** Creates an event; set the fields, then {@link #commit()}. */
    public MicroSchedulerStatisticsEvent() {}
}
