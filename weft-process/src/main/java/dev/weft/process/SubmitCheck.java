package dev.weft.process;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checks a task passes at submit, each failing with a message that names the bad field and value: a blank type,
 * an unknown function class, an unknown command, input that is not JSON or is too large for a frame, a bad timeout.
 * Queue capacity is checked by
 * the scheduler itself. Stateless and thread-safe, since {@code submit} may be called from any thread.
 */
final class SubmitCheck {

    /** The longest timeout accepted, so that a deadline never overflows. */
    static final long MAX_TIMEOUT_MILLIS = TimeUnit.DAYS.toMillis(365);

    /** The largest input accepted: a request frame, less room for its envelope. */
    static final int MAX_INPUT_BYTES = Frames.MAX_FRAME - 4096;

    private SubmitCheck() {}

    /**
     * Checks a task and resolves its input and timeout.
     *
     * @param id the id given to the task
     * @param task the task
     * @param json the mapper used to parse the input
     * @param loader where function classes are looked up
     * @param defaultTimeoutNanos the scheduler's default timeout
     * @param nowNanos the submit time
     * @return the task ready to queue
     * @throws IllegalArgumentException naming what is wrong
     */
    static QueuedTask check(
            final long id,
            final ProcessTask task,
            final JsonMapper json,
            final ClassLoader loader,
            final long defaultTimeoutNanos,
            final long nowNanos) {
        if (task.type().isBlank()) {
            throw new IllegalArgumentException("task type is blank");
        }
        switch (task.kind()) {
            case FUNCTION -> FunctionLoader.check(task.functionClass().orElseThrow(), loader);
            case COMMAND -> checkCommand(task.argv());
        }
        final long timeoutNanos = timeoutNanos(task.timeoutMillis(), defaultTimeoutNanos);
        JsonNode input = null;
        if (task.input().isPresent()) {
            checkSize(task.input().get());
            try {
                input = json.readTree(task.input().get());
            } catch (final JacksonException e) {
                throw new IllegalArgumentException("invalid JSON input: " + e.getOriginalMessage());
            }
            if (input == null || input.isMissingNode()) {
                throw new IllegalArgumentException("invalid JSON input: it is empty");
            }
        }
        return new QueuedTask(id, task, input, timeoutNanos, nowNanos);
    }

    private static void checkSize(final String json) {
        if (json.length() > MAX_INPUT_BYTES / 3) {
            final int bytes = json.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_INPUT_BYTES) {
                throw new IllegalArgumentException("input JSON of " + bytes + " bytes is larger than the "
                        + MAX_INPUT_BYTES + " bytes a request frame can carry");
            }
        }
    }

    private static long timeoutNanos(final long millis, final long defaultTimeoutNanos) {
        if (millis == ProcessTask.DEFAULT_TIMEOUT) {
            return defaultTimeoutNanos;
        }
        if (millis == ProcessTask.NO_TIMEOUT) {
            return -1;
        }
        if (millis < 0) {
            throw new IllegalArgumentException("bad timeout " + millis + " ms: give a positive timeout, "
                    + ProcessTask.DEFAULT_TIMEOUT + " for the scheduler's default or " + ProcessTask.NO_TIMEOUT
                    + " for none");
        }
        if (millis > MAX_TIMEOUT_MILLIS) {
            throw new IllegalArgumentException("bad timeout " + millis + " ms: more than 365 days; use "
                    + ProcessTask.NO_TIMEOUT + " for no timeout");
        }
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static void checkCommand(final List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("command argv is empty");
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).indexOf('\0') >= 0) {
                throw new IllegalArgumentException(
                        "command argv[" + i + "] contains a NUL character, which no " + "program argument can hold");
            }
        }
        final String program = argv.getFirst();
        if (program.isBlank()) {
            throw new IllegalArgumentException("command program (argv[0]) is blank");
        }
        if (program.indexOf('/') >= 0) {
            if (!isExecutable(program)) {
                throw new IllegalArgumentException("unknown command " + program + ": not an executable file");
            }
            return;
        }
        final String path = System.getenv("PATH");
        if (path != null) {
            for (final String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && isExecutable(dir + File.separator + program)) {
                    return;
                }
            }
        }
        throw new IllegalArgumentException("unknown command " + program + ": not found on PATH");
    }

    private static boolean isExecutable(final String file) {
        try {
            final Path path = Path.of(file);
            return Files.isRegularFile(path) && Files.isExecutable(path);
        } catch (final InvalidPathException e) {
            return false;
        }
    }
}
