/**
 * JDK Flight Recorder events that the process scheduler commits itself: process tasks that passed their timeout
 * ({@link dev.weft.process.events.ProcessTimeoutEvent}, with the kill's lateness) and worker processes that crashed
 * ({@link dev.weft.process.events.WorkerCrashEvent}). They are in the {@code weft} category.
 */
package dev.weft.process.events;
