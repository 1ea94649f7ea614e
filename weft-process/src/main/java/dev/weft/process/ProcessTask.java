package dev.weft.process;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One unit of work for a {@link ProcessScheduler}: either a Java {@link TaskFunction} run in a worker JVM, or a
 * command (an argv) run as a child process. Immutable; built with {@link #function(String, String)} or
 * {@link #command(String, List)} and the {@link Builder}.
 *
 * <p>A task carries its result {@code type} (the key of the handler that receives its outcome, and the
 * {@code "type"} of its JSON result, as in Pantavisor's plan), an optional JSON input, a priority (lower runs first,
 * FIFO among equals) and a timeout with the upstream process runner's conventions ({@code tsh_run}): 0 means the
 * scheduler's default (60 s unless configured), -1 means none, any other negative value is invalid.
 *
 * <p>The builder checks only for {@code null}; values are checked by {@link ProcessScheduler#submit(ProcessTask)},
 * which turns every problem (unknown function, invalid JSON, bad timeout...) into a {@link Outcome.Rejected} outcome
 * naming it, so that a task built from outside data always ends in a reported outcome rather than an exception.
 */
public final class ProcessTask {

    /** Timeout value meaning "the scheduler's default timeout" (upstream {@code tsh}: 0). */
    public static final long DEFAULT_TIMEOUT = 0;

    /** Timeout value meaning "no timeout" (upstream {@code tsh}: -1). */
    public static final long NO_TIMEOUT = -1;

    /** The two ways a task runs. */
    public enum Kind {
        /** A {@link TaskFunction} class run in a worker JVM (or inline with zero workers). */
        FUNCTION,
        /** An argv run as a child process; its stdout is the JSON result. */
        COMMAND
    }

    private final Kind kind;
    private final String type;
    private final String functionClass;
    private final List<String> argv;
    private final String input;
    private final int priority;
    private final long timeoutMillis;

    private ProcessTask(final Builder builder) {
        this.kind = builder.kind;
        this.type = builder.type;
        this.functionClass = builder.functionClass;
        this.argv = builder.argv;
        this.input = builder.input;
        this.priority = builder.priority;
        this.timeoutMillis = builder.timeoutMillis;
    }

    /**
     * Starts a function task.
     *
     * @param type the result type
     * @param functionClass the binary name of a class implementing {@link TaskFunction} with a public no-argument
     *     constructor, on the class path shared with the workers
     * @return a builder with no input, priority 0 and the default timeout
     */
    public static Builder function(final String type, final String functionClass) {
        return new Builder(Kind.FUNCTION, type, Objects.requireNonNull(functionClass, "functionClass"), null);
    }

    /**
     * Starts a function task from the function's class.
     *
     * @param type the result type
     * @param functionClass the class implementing {@link TaskFunction}
     * @return a builder with no input, priority 0 and the default timeout
     */
    public static Builder function(final String type, final Class<? extends TaskFunction> functionClass) {
        return function(
                type, Objects.requireNonNull(functionClass, "functionClass").getName());
    }

    /**
     * Starts a command task. The command's stdout must be one JSON value: either a result object
     * {@code {"type": type, "data": ...}} or the data itself; its exit status must be 0 for an {@link Outcome.Ok}.
     * If the task has an input, it is written to the command's stdin, which is then closed.
     *
     * @param type the result type
     * @param argv the program and its arguments; the program is a path or a name looked up on {@code PATH}
     * @return a builder with no input, priority 0 and the default timeout
     */
    public static Builder command(final String type, final List<String> argv) {
        Objects.requireNonNull(argv, "argv");
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i) == null) {
                throw new NullPointerException("command argv[" + i + "] is null");
            }
        }
        return new Builder(Kind.COMMAND, type, null, List.copyOf(argv));
    }

    /**
     * Starts a command task.
     *
     * @param type the result type
     * @param argv the program and its arguments
     * @return a builder with no input, priority 0 and the default timeout
     */
    public static Builder command(final String type, final String... argv) {
        return command(type, Arrays.asList(Objects.requireNonNull(argv, "argv")));
    }

    /**
     * Returns how the task runs.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the result type.
     *
     * @return the type
     */
    public String type() {
        return type;
    }

    /**
     * Returns the function's class name, for a function task.
     *
     * @return the binary class name, or empty for a command task
     */
    public Optional<String> functionClass() {
        return Optional.ofNullable(functionClass);
    }

    /**
     * Returns the argv, for a command task.
     *
     * @return the argv, empty for a function task
     */
    public List<String> argv() {
        return argv == null ? List.of() : argv;
    }

    /**
     * Returns the input JSON text as given, not yet checked.
     *
     * @return the input, or empty if the task has none
     */
    public Optional<String> input() {
        return Optional.ofNullable(input);
    }

    /**
     * Returns the priority; lower numbers run first.
     *
     * @return the priority
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the timeout as given: milliseconds, {@link #DEFAULT_TIMEOUT} or {@link #NO_TIMEOUT}.
     *
     * @return the raw timeout in milliseconds
     */
    public long timeoutMillis() {
        return timeoutMillis;
    }

    @Override
    public String toString() {
        return "ProcessTask[" + kind + " type=" + type + " "
                + (kind == Kind.FUNCTION ? functionClass : String.valueOf(argv))
                + " priority=" + priority + " timeoutMillis=" + timeoutMillis + "]";
    }

    /** Builds a {@link ProcessTask}; checks only for {@code null}. */
    public static final class Builder {
        private final Kind kind;
        private final String type;
        private final String functionClass;
        private final List<String> argv;
        private String input;
        private int priority;
        private long timeoutMillis = DEFAULT_TIMEOUT;

        private Builder(final Kind kind, final String type, final String functionClass, final List<String> argv) {
            this.kind = kind;
            this.type = Objects.requireNonNull(type, "type");
            this.functionClass = functionClass;
            this.argv = argv;
        }

        /**
         * Sets the input as JSON text; it is parsed at submit, and a task whose input does not parse is rejected.
         *
         * @param json the JSON text
         * @return this builder
         */
        public Builder input(final String json) {
            this.input = Objects.requireNonNull(json, "json");
            return this;
        }

        /**
         * Sets the input as a JSON tree.
         *
         * @param json the JSON value
         * @return this builder
         */
        public Builder input(final JsonNode json) {
            this.input = Objects.requireNonNull(json, "json").toString();
            return this;
        }

        /**
         * Sets the priority: lower numbers run first, FIFO within a priority, and a waiting task's priority improves
         * with age (see {@link ProcessSchedulerBuilder#aging(Duration)}).
         *
         * @param value the priority (Pantavisor's plan uses small numbers such as 3)
         * @return this builder
         */
        public Builder priority(final int value) {
            this.priority = value;
            return this;
        }

        /**
         * Sets the timeout in milliseconds with the upstream conventions: {@link #DEFAULT_TIMEOUT} (0) for the
         * scheduler's default, {@link #NO_TIMEOUT} (-1) for none; other negative values are rejected at submit.
         *
         * @param millis the timeout
         * @return this builder
         */
        public Builder timeoutMillis(final long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        /**
         * Sets the timeout, rounded up to whole milliseconds; a zero duration means the scheduler's default, a negative
         * one (use {@link #noTimeout()} for none) is rejected at submit.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder timeout(final Duration timeout) {
            final Duration value = Objects.requireNonNull(timeout, "timeout");
            if (value.isZero()) {
                this.timeoutMillis = DEFAULT_TIMEOUT;
            } else if (value.isNegative()) {
                this.timeoutMillis = Math.min(NO_TIMEOUT - 1, saturatedMillis(value));
            } else {
                this.timeoutMillis = Math.max(1, saturatedMillis(value));
            }
            return this;
        }

        private static long saturatedMillis(final Duration value) {
            try {
                return value.toMillis();
            } catch (final ArithmeticException e) {
                return value.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
        }

        /**
         * Gives the task no timeout: it may run for ever, and only {@link ProcessScheduler#cancel(long)} or
         * {@link ProcessScheduler#stop()} ends it early.
         *
         * @return this builder
         */
        public Builder noTimeout() {
            this.timeoutMillis = NO_TIMEOUT;
            return this;
        }

        /**
         * Builds the task.
         *
         * @return the task
         */
        public ProcessTask build() {
            return new ProcessTask(this);
        }
    }
}
