/**
 * JDK Flight Recorder events that weft-core commits itself, cheap enough to leave on, as SPDK's tracing is:
 * strand moves ({@link dev.weft.events.StrandMoveEvent}) and reactor mode switches
 * ({@link dev.weft.events.ReactorModeEvent}) with their cause, contained failures
 * ({@link dev.weft.events.TaskletFailureEvent}), watchdog stalls ({@link dev.weft.events.WatchdogStallEvent}) and
 * periodic micro-scheduler statistics ({@link dev.weft.events.MicroSchedulerStatisticsEvent}). Record them with
 * {@code -XX:StartFlightRecording} or {@code jcmd PID JFR.start}; they are in the {@code weft} category.
 * {@link dev.weft.events.CoreEvents} commits them for the runtime's packages.
 */
package dev.weft.events;
