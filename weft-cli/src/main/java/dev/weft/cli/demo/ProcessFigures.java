package dev.weft.cli.demo;

import java.util.Map;

/**
 * The figures of the process-task stream.
 *
 * @param submitted tasks submitted
 * @param outcomes outcomes reported, duplicates included
 * @param byKind outcomes per {@code type.kind} (for example {@code echo.ok}, {@code hang.timedOut})
 * @param missing submitted tasks with no outcome
 * @param duplicated submitted tasks with more than one outcome
 * @param unknown outcomes for ids that were never submitted
 * @param wrongAnswers echo results that did not carry their input back
 */
public record ProcessFigures(
        long submitted,
        long outcomes,
        Map<String, Long> byKind,
        long missing,
        long duplicated,
        long unknown,
        long wrongAnswers) {

    /**
     * Whether every submitted task ended in exactly one outcome.
     *
     * @return true if none was missing, duplicated or unknown
     */
    public boolean exactlyOnce() {
        return missing == 0 && duplicated == 0 && unknown == 0 && outcomes == submitted;
    }
}
