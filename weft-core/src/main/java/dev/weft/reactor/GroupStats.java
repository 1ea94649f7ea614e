package dev.weft.reactor;

import java.util.List;

/**
 * An immutable snapshot of a whole group, the input of a balancing round.
 *
 * @param timestampNanos {@link System#nanoTime()} when it was taken
 * @param reactors one entry per reactor, in index order
 */
public record GroupStats(long timestampNanos, List<ReactorStats> reactors) {}
