package dev.weft.fork;

import dev.weft.platform.OwnedId;

/**
 * A snapshot of one worker's counters in one scheduler, cheap enough to leave on: each counter has a single writer
 * (the worker) and is read with opaque order, so a snapshot may lag by a few tasks but never tears.
 *
 * @param localSchedulerId (scheduler id, worker index)
 * @param executed tasks this worker has executed in this scheduler, continuations and bypass tasks included
 * @param stolen tasks this worker took from other workers' deques (of this scheduler or its victims)
 * @param queued tasks waiting in this worker's deques and affinity queues now
 * @param sleeps how many times this worker has gone to sleep (in any scheduler of its pool; 0 for the master)
 */
public record WorkerStats(OwnedId localSchedulerId, long executed, long stolen, int queued, long sleeps) {}
