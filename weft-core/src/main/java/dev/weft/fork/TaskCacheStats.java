package dev.weft.fork;

import dev.weft.platform.OwnedId;

/**
 * A snapshot of one worker's task cache counters (see {@link WorkerPool#taskCacheStats()}).
 *
 * @param workerId the worker, (pool id, worker index)
 * @param created tasks this worker made fresh through {@link TaskKind}s, pre-allocated ones included
 * @param reused allocations served from the cache
 * @param freed finished tasks taken back into the cache
 * @param dropped finished tasks with a kind that the cache did not take back (another worker's, still referenced,
 *     or the cache full)
 */
public record TaskCacheStats(OwnedId workerId, long created, long reused, long freed, long dropped) {}
