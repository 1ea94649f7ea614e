package dev.weft.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a finished command left (exit status, stdout, stderr tail) into its outcome, and describes exit
 * statuses for people.
 *
 * <p>The rules: a non-zero status fails the task whatever it printed; with status 0, stdout must be exactly one JSON
 * value (surrounding whitespace allowed). A JSON object with exactly the fields {@code type} and {@code data} is a
 * result record as in Pantavisor's plan, and its type must be the task's own (a task's outcome always goes to its own
 * type's handler); any other JSON value is the data itself.
 */
final class CommandResults {

    private CommandResults() {}

    /**
     * Decides a command's outcome.
     *
     * @param json a mapper that fails on trailing tokens
     * @param run the command
     * @param exit what it left
     * @param nowNanos when it was reaped, on the scheduler's clock
     * @return its outcome
     */
    static Outcome outcome(
            final JsonMapper json, final CommandRun run, final CommandRun.Exit exit, final long nowNanos) {
        final QueuedTask task = run.task();
        final OptionalInt status = OptionalInt.of(exit.status());
        if (exit.status() != 0) {
            return new Outcome.Failed(
                    task.id(), task.type(), "command " + describeExit(exit.status()), status, run.stderrTail());
        }
        if (exit.stdoutOverflow()) {
            return new Outcome.Failed(
                    task.id(),
                    task.type(),
                    "command printed more than " + CommandRun.STDOUT_LIMIT + " bytes on stdout",
                    status,
                    run.stderrTail());
        }
        final String text = new String(exit.stdout(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new Outcome.Failed(
                    task.id(),
                    task.type(),
                    "command printed nothing on stdout; expected a JSON result",
                    status,
                    run.stderrTail());
        }
        final JsonNode value;
        try {
            value = json.readTree(text);
        } catch (final JacksonException e) {
            return new Outcome.Failed(
                    task.id(),
                    task.type(),
                    "command stdout is not JSON: " + e.getOriginalMessage() + " in " + abbreviate(text),
                    status,
                    run.stderrTail());
        }
        JsonNode data = value;
        if (value.isObject() && value.size() == 2 && value.has("type") && value.has("data")) {
            final String type = value.get("type").asString("");
            if (!task.type().equals(type)) {
                return new Outcome.Failed(
                        task.id(),
                        task.type(),
                        "command result type '" + type + "' does not match the task's type '" + task.type() + "'",
                        status,
                        run.stderrTail());
            }
            data = value.get("data");
        }
        return new Outcome.Ok(
                task.id(), task.type(), data, status, Duration.ofNanos(Math.max(0, nowNanos - run.startedAtNanos())));
    }

    /**
     * Describes an exit status as the JDK reports it on Linux (128 + signal number for a process killed by a
     * signal).
     *
     * @param status the status
     * @return for example "exited with status 3" or "was killed by signal 9 (SIGKILL)"
     */
    static String describeExit(final int status) {
        if (status > 128 && status <= 128 + 64) {
            final int signal = status - 128;
            final String name = switch (signal) {
                case 1 -> " (SIGHUP)";
                case 2 -> " (SIGINT)";
                case 6 -> " (SIGABRT)";
                case 9 -> " (SIGKILL)";
                case 11 -> " (SIGSEGV)";
                case 15 -> " (SIGTERM)";
                default -> "";
            };
            return "was killed by signal " + signal + name + " (exit status " + status + ")";
        }
        return "exited with status " + status;
    }

    private static String abbreviate(final String text) {
        final String line = text.strip().replace('\n', ' ');
        return "'" + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'";
    }
}
