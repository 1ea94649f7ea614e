package dev.weft.cli.demo;

/**
 * The figures of the batch fork-join loop.
 *
 * @param tree the UTS tree counted
 * @param workers the micro-scheduler's workers, the master included
 * @param trees trees counted
 * @param wrong trees whose counts differed from the published answer (0 when all were right)
 * @param treesPerSecond trees counted per second
 * @param firstWrongCounts the first wrong counts, or empty
 */
public record BatchFigures(
        String tree, int workers, long trees, long wrong, double treesPerSecond, String firstWrongCounts) {}
