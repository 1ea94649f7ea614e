package dev.weft.reactor;

import java.util.List;

/**
 * An immutable reading of one strand's counters.
 *
 * @param id the strand's id
 * @param name the strand's name
 * @param reactor the index of the reactor running it, or -1 if none
 * @param weight the strand's placement weight
 * @param busyNanos time of passes in which the strand did work
 * @param idleNanos time of passes in which it did none, and of every sleep of its reactor while it was there
 * @param tasklets its tasklets' counters
 * @param createdNanos {@link System#nanoTime()} when the strand was built
 * @param arrivedNanos {@link System#nanoTime()} when the strand last joined a reactor, or was built if it has not
 *     (SPDK's {@code tsc_start}, reset when a thread is scheduled onto a reactor)
 * @param deadlineMisses deadlines its work reported missed ({@link Strand#missedDeadline()}; MTL's build timeouts)
 * @param virtualThreads its virtual threads ({@link Strand#virtualThreads()}) started and not yet terminated
 */
public record StrandStats(
        long id,
        String name,
        int reactor,
        double weight,
        long busyNanos,
        long idleNanos,
        List<TaskletStats> tasklets,
        long createdNanos,
        long arrivedNanos,
        long deadlineMisses,
        int virtualThreads) {}
