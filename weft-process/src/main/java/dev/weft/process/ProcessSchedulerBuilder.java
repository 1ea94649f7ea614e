package dev.weft.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Configures a {@link ProcessScheduler}; every setter checks its value and names it when it is wrong. Obtained from
 * {@link ProcessScheduler#builder()}; {@link #build()} hands the settings to a new, not yet started scheduler, which
 * copies them, so a builder may be changed and built again.
 */
public final class ProcessSchedulerBuilder {
    int workers;
    int commandSlots;
    int queueCapacity = 1024;
    Duration defaultTimeout = Duration.ofSeconds(60);
    int inlinePerRun = 1;
    Duration aging = Duration.ofSeconds(1);
    Duration startTimeout = Duration.ofSeconds(30);
    int workerStartAttempts = 3;
    Duration backoffInitial = Duration.ofMillis(100);
    Duration backoffMax = Duration.ofSeconds(5);
    int stopChecks = 5;
    Duration stopInterval = Duration.ofSeconds(1);
    int stderrTailBytes = 8192;
    Path javaCommand = Path.of(System.getProperty("java.home"), "bin", "java");
    String classPath;
    List<String> workerJvmOptions =
            List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto");
    ClassLoader classLoader = defaultClassLoader();
    final Map<String, OutcomeHandler> handlers = new HashMap<>();
    OutcomeHandler fallbackHandler = outcome -> System.getLogger(ProcessScheduler.class.getName())
            .log(System.Logger.Level.WARNING, "no handler for type " + outcome.type() + "; dropped outcome " + outcome);
    Runnable wakeup = () -> {};
    LongSupplier clock = System::nanoTime;
    Runnable launchGate = () -> {};
    boolean killGroupOnExit = true;

    ProcessSchedulerBuilder() {}

    private static ClassLoader defaultClassLoader() {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ProcessScheduler.class.getClassLoader();
    }

    /**
     * Sets the number of worker processes; 0 runs tasks inline on the run thread.
     *
     * @param count 0 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder workers(final int count) {
        this.workers = requireAtLeast("workers", count, 0);
        return this;
    }

    /**
     * Sets how many command tasks may run at once (with workers; default: the worker count).
     *
     * @param count 1 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder commandSlots(final int count) {
        this.commandSlots = requireAtLeast("commandSlots", count, 1);
        return this;
    }

    /**
     * Sets how many tasks may wait; more are rejected as "queue full".
     *
     * @param capacity 1 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder queueCapacity(final int capacity) {
        this.queueCapacity = requireAtLeast("queueCapacity", capacity, 1);
        return this;
    }

    /**
     * Sets the timeout of tasks that ask for the default (upstream: 60 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public ProcessSchedulerBuilder defaultTimeout(final Duration timeout) {
        this.defaultTimeout = requirePositive("defaultTimeout", timeout);
        return this;
    }

    /**
     * Sets how many tasks one {@code run()} executes inline when there are no workers (Pantavisor's plan: "one task per
     * loop or more").
     *
     * @param count 1 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder inlinePerRun(final int count) {
        this.inlinePerRun = requireAtLeast("inlinePerRun", count, 1);
        return this;
    }

    /**
     * Sets the aging step: a waiting task's priority number drops by one for every step it has waited, so a low
     * priority cannot starve. Zero turns aging off (strict priority).
     *
     * @param step zero or positive
     * @return this builder
     */
    public ProcessSchedulerBuilder aging(final Duration step) {
        Objects.requireNonNull(step, "aging");
        if (step.isNegative()) {
            throw new IllegalArgumentException("aging must be zero (off) or positive, got " + step);
        }
        this.aging = step;
        return this;
    }

    /**
     * Sets how long a new worker may take to send its ready handshake before it counts as crashed.
     *
     * @param timeout positive
     * @return this builder
     */
    public ProcessSchedulerBuilder startTimeout(final Duration timeout) {
        this.startTimeout = requirePositive("startTimeout", timeout);
        return this;
    }

    /**
     * Sets how many worker starts in a row may fail (the JVM cannot start, exits or misses its ready handshake)
     * before the scheduler stops starting workers and ends every function task {@link Outcome.WorkerUnavailable},
     * logging the command line and the last worker's stderr tail (default 3).
     *
     * @param attempts 1 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder workerStartAttempts(final int attempts) {
        this.workerStartAttempts = requireAtLeast("workerStartAttempts", attempts, 1);
        return this;
    }

    /**
     * Sets the restart backoff after worker crashes: {@code initial} after the first, doubling per consecutive
     * crash of the same slot, at most {@code max}; reset by the slot's next good result.
     *
     * @param initial positive
     * @param max at least {@code initial}
     * @return this builder
     */
    public ProcessSchedulerBuilder restartBackoff(final Duration initial, final Duration max) {
        requirePositive("restartBackoff initial", initial);
        requirePositive("restartBackoff max", max);
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("restartBackoff max " + max + " is below initial " + initial);
        }
        this.backoffInitial = initial;
        this.backoffMax = max;
        return this;
    }

    /**
     * Sets the stop escalation: after SIGTERM, the processes that ran a task have {@code checks} × {@code interval}
     * to exit (upstream checks 5 times 1 s apart; here {@code stop()} returns as soon as the last has exited), then
     * survivors get SIGKILL.
     *
     * @param checks 1 or more
     * @param interval positive
     * @return this builder
     */
    public ProcessSchedulerBuilder stopEscalation(final int checks, final Duration interval) {
        this.stopChecks = requireAtLeast("stopEscalation checks", checks, 1);
        this.stopInterval = requirePositive("stopEscalation interval", interval);
        return this;
    }

    /**
     * Sets how many trailing bytes of a child's stderr are kept for outcomes.
     *
     * @param bytes 1 or more
     * @return this builder
     */
    public ProcessSchedulerBuilder stderrTailBytes(final int bytes) {
        this.stderrTailBytes = requireAtLeast("stderrTailBytes", bytes, 1);
        return this;
    }

    /**
     * Sets whether a task's process group is SIGKILLed as soon as its main process (a command, or a worker JVM)
     * exits, so that what it left running in the background goes with it (default true). Turn it off only for
     * commands that start helpers meant to outlive them; {@code stop()} still kills them where the scheduler has a
     * cgroup of its own.
     *
     * @param kill whether to kill the group on exit
     * @return this builder
     */
    public ProcessSchedulerBuilder killGroupOnExit(final boolean kill) {
        this.killGroupOnExit = kill;
        return this;
    }

    /**
     * Sets the {@code java} launcher for workers (default: this JVM's).
     *
     * @param java the launcher's path
     * @return this builder
     */
    public ProcessSchedulerBuilder javaCommand(final Path java) {
        this.javaCommand = Objects.requireNonNull(java, "javaCommand");
        return this;
    }

    /**
     * Sets the workers' class path; it must hold weft-process, Jackson and the task functions. The default is built
     * from where those classes come from, not from {@code java.class.path} alone (which under a launcher such as
     * {@code mvn exec:java} names only the launcher): the code sources of weft-process and Jackson, then the entries
     * of {@code java.class.path}, then the URLs of the {@link #classLoader(ClassLoader) class loader} and its
     * parents where they are URL class loaders.
     *
     * @param path the class path
     * @return this builder
     */
    public ProcessSchedulerBuilder classPath(final String path) {
        Objects.requireNonNull(path, "classPath");
        if (path.isBlank()) {
            throw new IllegalArgumentException("classPath is blank");
        }
        this.classPath = path;
        return this;
    }

    /**
     * Sets the JVM options of workers (default: serial GC, C1 only, no perf data, class data sharing: a worker
     * starts in a few hundred milliseconds and stays small).
     *
     * @param options the options
     * @return this builder
     */
    public ProcessSchedulerBuilder workerJvmOptions(final List<String> options) {
        this.workerJvmOptions = List.copyOf(Objects.requireNonNull(options, "workerJvmOptions"));
        return this;
    }

    /**
     * Sets the class loader used to check function classes at submit and to run them inline.
     *
     * @param loader the loader
     * @return this builder
     */
    public ProcessSchedulerBuilder classLoader(final ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "classLoader");
        return this;
    }

    /**
     * Registers the handler of one result type.
     *
     * @param type the type, not blank
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException if the type is blank or already has a handler
     */
    public ProcessSchedulerBuilder handler(final String type, final OutcomeHandler handler) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        if (type.isBlank()) {
            throw new IllegalArgumentException("handler type is blank");
        }
        if (handlers.putIfAbsent(type, handler) != null) {
            throw new IllegalArgumentException("type " + type + " already has a handler");
        }
        return this;
    }

    /**
     * Sets the handler of outcomes whose type has no handler (default: log a warning).
     *
     * @param handler the handler
     * @return this builder
     */
    public ProcessSchedulerBuilder fallbackHandler(final OutcomeHandler handler) {
        this.fallbackHandler = Objects.requireNonNull(handler, "fallbackHandler");
        return this;
    }

    /**
     * Sets a hook called, from any thread, whenever an event arrives for {@code run()}: a reactor can wake its
     * loop with it (a Notifier). It must be quick and must not call the scheduler.
     *
     * @param hook the hook
     * @return this builder
     */
    public ProcessSchedulerBuilder wakeup(final Runnable hook) {
        this.wakeup = Objects.requireNonNull(hook, "wakeup");
        return this;
    }

    /**
     * Sets the clock that timeouts, aging and restart backoff are measured on, in {@link System#nanoTime()}
     * terms (the default). A test can inject a clock it advances by hand, to check deadlines deterministically;
     * waits that really block (an inline command, the stop escalation) still take real time.
     *
     * @param nanoTime the clock, read on the run thread and on submitting threads
     * @return this builder
     */
    public ProcessSchedulerBuilder clock(final LongSupplier nanoTime) {
        this.clock = Objects.requireNonNull(nanoTime, "clock");
        return this;
    }

    /**
     * For tests: a hook the launcher thread runs before each process start, so a test can hold starts.
     *
     * @param gate the hook
     * @return this builder
     */
    ProcessSchedulerBuilder launchGate(final Runnable gate) {
        this.launchGate = Objects.requireNonNull(gate, "launchGate");
        return this;
    }

    /**
     * Builds the scheduler (not started).
     *
     * @return the scheduler
     */
    public ProcessScheduler build() {
        return new ProcessScheduler(this);
    }

    /** The command line that starts one worker JVM: launcher, options, class path, main class and this JVM's pid. */
    List<String> workerCommand() {
        final List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        command.addAll(workerJvmOptions);
        command.add("-cp");
        command.add(classPath != null ? classPath : WorkerClassPath.of(classLoader));
        command.add(WorkerMain.class.getName());
        command.add("--parent");
        command.add(Long.toString(ProcessHandle.current().pid()));
        return command;
    }

    private static int requireAtLeast(final String name, final int value, final int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static Duration requirePositive(final String name, final Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
