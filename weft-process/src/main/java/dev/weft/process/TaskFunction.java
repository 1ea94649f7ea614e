package dev.weft.process;

import tools.jackson.databind.JsonNode;

/**
 * A Java task function: JSON in, JSON out. This is what a function {@link ProcessTask} names; a worker process
 * (see {@link WorkerMain}) creates one instance per class through its public no-argument constructor and calls
 * {@link #apply(JsonNode)} once per task, one task at a time.
 *
 * <p>The function runs in another JVM on the same class path, so it shares no objects with the scheduler: everything
 * it needs comes in {@code input}, everything it produces goes out as the returned value, which becomes the
 * {@code data} of the result {@code {"type": ..., "data": ...}}. With zero workers the same instance contract holds,
 * but the call happens inline on the thread that calls {@link ProcessScheduler#run()}.
 *
 * <p>Anything the function prints with {@code System.out} goes to the worker's stderr, which the scheduler captures,
 * because the worker's real stdout carries the wire protocol.
 */
@FunctionalInterface
public interface TaskFunction {

    /**
     * Runs the task.
     *
     * @param input the task's input JSON ({@code null} JSON node when the task had none)
     * @return the result data, any JSON value; {@code null} is sent as JSON {@code null}
     * @throws Exception any failure, reported to the scheduler as a {@link Outcome.Failed} outcome with its message
     *     and stack trace
     */
    JsonNode apply(JsonNode input) throws Exception;
}
