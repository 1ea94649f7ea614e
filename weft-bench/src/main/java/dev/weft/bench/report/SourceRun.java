package dev.weft.bench.report;

/**
 * How one source's command went: its exit status and duration, and the first problem it reported, so the report can
 * say why rows have no figure.
 *
 * @param name the source's name
 * @param command the command as printed for reproducing
 * @param exit the exit status (0 for success; -1 if it was stopped at its time limit)
 * @param seconds how long it ran
 * @param problem the first line of its error output that names an exception or error, or why its output could not
 *     be read; empty when there was none
 */
public record SourceRun(String name, String command, int exit, double seconds, String problem) {

    /**
     * Checks the texts are present.
     *
     * @param name the name
     * @param command the command
     * @param exit the exit status
     * @param seconds the duration
     * @param problem the problem, or empty
     * @throws IllegalArgumentException if a text is null
     */
    public SourceRun {
        if (name == null || command == null || problem == null) {
            throw new IllegalArgumentException("a source run needs a name, a command and a problem (may be empty)");
        }
    }
}
