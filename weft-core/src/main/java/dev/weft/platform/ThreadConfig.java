package dev.weft.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * How to start one OS thread: its name, the processors it is pinned to, its nice value, scheduling class
 * ({@link SchedulingPolicy}), timer slack, stack size and whether it is a daemon. Reactors and worker pools start every
 * thread they own through a spec, so placement is decided in one place. A spec is immutable and thread-safe; its
 * {@link Builder} is not.
 *
 * <p>{@link #start(Runnable)} returns only once the new thread has placed itself. A control the system lacks
 * ({@link NativeUnsupportedException}, say on macOS) does not stop the thread: the {@link Placement} lists what was not
 * applied and why. A control the kernel refuses (a CPU that does not exist or is not allowed, a nice value or a
 * real-time class without the capability) ends the thread without running its body, and {@code start} throws
 * {@link ThreadPlacementException} with the kernel's errno.
 */
public final class ThreadConfig {

    /*
     * Implementation overview
     *
     * start(Runnable) starts a platform thread whose first act is applyToCurrentThread(); the starter waits for that to
     * finish and so learns, before it goes on, whether the thread is where it asked. The two kinds of trouble are told
     * apart because a thread the system cannot place still does useful work and the caller can report the gap, while a
     * thread running somewhere other than where it was asked is a silent bug.
     */

    private final String name;
    private final CpuSet affinity;
    private final Integer nice;
    private final SchedulingPolicy scheduling;
    private final Long timerSlackNanos;
    private final long stackSize;
    private final boolean daemon;

    private ThreadConfig(final Builder builder) {
        this.name = builder.name;
        this.affinity = builder.affinity;
        this.nice = builder.nice;
        this.scheduling = builder.scheduling;
        this.timerSlackNanos = builder.timerSlackNanos;
        this.stackSize = builder.stackSize;
        this.daemon = builder.daemon;
    }

    /**
     * Starts building a spec for a thread of the given name.
     *
     * @param name the thread's name, not blank
     * @return a builder with no affinity, default priority and slack, the default stack and {@code daemon = true}
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(final String name) {
        return new Builder(name);
    }

    /**
     * Returns the thread's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the processors the thread is pinned to, if any.
     *
     * @return the affinity, or empty for no pinning
     */
    public Optional<CpuSet> affinity() {
        return Optional.ofNullable(affinity);
    }

    /**
     * Returns the nice value the thread takes, if any.
     *
     * @return the nice value, or empty to inherit the creator's
     */
    public OptionalInt nice() {
        return nice == null ? OptionalInt.empty() : OptionalInt.of(nice);
    }

    /**
     * Returns the scheduling class the thread takes, if any.
     *
     * @return the class, or empty to inherit the creator's
     */
    public Optional<SchedulingPolicy> scheduling() {
        return Optional.ofNullable(scheduling);
    }

    /**
     * Returns the timer slack the thread takes, if any.
     *
     * @return the slack in nanoseconds, or empty to inherit the creator's
     */
    public OptionalLong timerSlackNanos() {
        return timerSlackNanos == null ? OptionalLong.empty() : OptionalLong.of(timerSlackNanos);
    }

    /**
     * Returns the requested stack size.
     *
     * @return bytes, or 0 for the JVM's default
     */
    public long stackSize() {
        return stackSize;
    }

    /**
     * Whether the thread is a daemon thread.
     *
     * @return true if the JVM may exit while it runs
     */
    public boolean isDaemon() {
        return daemon;
    }

    /**
     * Returns a copy of this spec with another name, for starting several threads from one template.
     *
     * @param newName the name of the copy
     * @return the copy
     */
    public ThreadConfig withName(final String newName) {
        return toBuilder().name(newName).build();
    }

    /**
     * Returns a builder that starts from this spec.
     *
     * @return a builder holding this spec's settings
     */
    public Builder toBuilder() {
        final Builder builder = new Builder(name).stackSize(stackSize).daemon(daemon);
        builder.affinity = affinity;
        builder.nice = nice;
        builder.scheduling = scheduling;
        builder.timerSlackNanos = timerSlackNanos;
        return builder;
    }

    /**
     * Starts a platform thread by this spec and waits until it has applied its placement.
     *
     * @param body what the thread runs once placed
     * @return the started thread and what placement it got
     * @throws ThreadPlacementException if the kernel refused a setting; the thread then ends without running
     *     {@code body}
     */
    public Started start(final Runnable body) {
        Objects.requireNonNull(body, "body");
        final CompletableFuture<Placement> placed = new CompletableFuture<>();
        final Thread thread = Thread.ofPlatform()
                .name(name)
                .daemon(daemon)
                .stackSize(stackSize)
                .unstarted(() -> {
                    final Placement placement;
                    try {
                        placement = applyToCurrentThread();
                    } catch (final RuntimeException e) {
                        placed.completeExceptionally(e);
                        return;
                    }
                    placed.complete(placement);
                    body.run();
                });
        thread.start();
        try {
            return new Started(thread, placed.get());
        } catch (final ExecutionException e) {
            throw new ThreadPlacementException(
                    "thread '" + name + "' could not be placed: " + e.getCause().getMessage(), e.getCause());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ThreadPlacementException("interrupted while thread '" + name + "' was being placed", e);
        }
    }

    /**
     * Applies this spec's affinity, nice value, scheduling class and timer slack to the calling thread (not its name or
     * stack, which only a new thread can take). A worker pool's master thread, which the pool does not start, uses
     * this.
     *
     * @return what was applied, and what the system could not apply
     * @throws NativeCallException if the kernel refused a setting
     */
    public Placement applyToCurrentThread() {
        final List<String> notApplied = new ArrayList<>();
        CpuSet pinned = null;
        if (affinity != null) {
            try {
                NativeThread.pinCurrentThread(affinity);
                pinned = affinity;
            } catch (final NativeUnsupportedException e) {
                notApplied.add("affinity " + affinity.toList() + ": " + e.getMessage());
            }
        }
        if (nice != null) {
            try {
                NativeThread.setNice(nice);
            } catch (final NativeUnsupportedException e) {
                notApplied.add("nice " + nice + ": " + e.getMessage());
            }
        }
        if (scheduling != null) {
            try {
                NativeThread.setSchedulingPolicy(scheduling);
            } catch (final NativeUnsupportedException e) {
                notApplied.add("scheduling " + scheduling + ": " + e.getMessage());
            }
        }
        if (timerSlackNanos != null) {
            try {
                NativeThread.setTimerSlack(timerSlackNanos);
            } catch (final NativeUnsupportedException e) {
                notApplied.add("timer slack " + timerSlackNanos + " ns: " + e.getMessage());
            }
        }
        return new Placement(Optional.ofNullable(pinned), List.copyOf(notApplied));
    }

    /**
     * Returns a readable summary of the spec.
     *
     * @return for example {@code "ThreadConfig{name=reactor-1, affinity=1, nice=-5, daemon=true}"}
     */
    @Override
    public String toString() {
        return "ThreadConfig{name=" + name
                + (affinity != null ? ", affinity=" + affinity.toList() : "")
                + (nice != null ? ", nice=" + nice : "")
                + (scheduling != null ? ", scheduling=" + scheduling : "")
                + (timerSlackNanos != null ? ", timerSlack=" + timerSlackNanos + "ns" : "")
                + (stackSize != 0 ? ", stackSize=" + stackSize : "")
                + ", daemon=" + daemon + "}";
    }

    static void checkNice(final int nice) {
        if (nice < -20 || nice > 19) {
            throw new IllegalArgumentException("nice value " + nice + " is outside [-20, 19]");
        }
    }

    /**
     * What {@link #applyToCurrentThread()} achieved.
     *
     * @param pinnedTo the processors the thread is now pinned to, or empty if it was not pinned
     * @param notApplied one line for each setting this system could not apply, naming the setting and why
     */
    public record Placement(Optional<CpuSet> pinnedTo, List<String> notApplied) {

        /**
         * Whether every requested setting was applied.
         *
         * @return true if nothing was left out
         */
        public boolean isComplete() {
            return notApplied.isEmpty();
        }
    }

    /**
     * A thread started by {@link #start(Runnable)}, already placed.
     *
     * @param thread the running thread
     * @param placement what placement it got
     */
    public record Started(Thread thread, Placement placement) {}

    /** Collects the settings of a {@link ThreadConfig}. */
    public static final class Builder {
        private String name;
        private CpuSet affinity;
        private Integer nice;
        private SchedulingPolicy scheduling;
        private Long timerSlackNanos;
        private long stackSize;
        private boolean daemon = true;

        private Builder(final String name) {
            name(name);
        }

        /**
         * Sets the name.
         *
         * @param threadName the name, not blank
         * @return this builder
         */
        public Builder name(final String threadName) {
            if (threadName == null || threadName.isBlank()) {
                throw new IllegalArgumentException("a thread name must not be blank");
            }
            this.name = threadName;
            return this;
        }

        /**
         * Pins the thread to a set of processors.
         *
         * @param cpus the processors, not empty
         * @return this builder
         */
        public Builder affinity(final CpuSet cpus) {
            if (cpus.isEmpty()) {
                throw new IllegalArgumentException("thread '" + name + "' cannot be pinned to an empty CPU set");
            }
            this.affinity = cpus;
            return this;
        }

        /**
         * Sets the nice value (OS priority): -20 is the highest priority, 19 the lowest.
         *
         * @param value the nice value
         * @return this builder
         */
        public Builder nice(final int value) {
            checkNice(value);
            this.nice = value;
            return this;
        }

        /**
         * Sets the scheduling class; see {@link SchedulingPolicy} for when a real-time class is safe.
         *
         * @param policy the class and its parameter
         * @return this builder
         */
        public Builder scheduling(final SchedulingPolicy policy) {
            this.scheduling = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the timer slack; reactors that sleep for microseconds want it low.
         *
         * @param nanos the slack in nanoseconds, at least 1
         * @return this builder
         */
        public Builder timerSlackNanos(final long nanos) {
            if (nanos < 1) {
                throw new IllegalArgumentException("timer slack " + nanos + " ns is below 1 ns");
            }
            this.timerSlackNanos = nanos;
            return this;
        }

        /**
         * Sets the stack size.
         *
         * @param bytes the size in bytes, or 0 for the JVM's default
         * @return this builder
         */
        public Builder stackSize(final long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("stack size " + bytes + " is negative");
            }
            this.stackSize = bytes;
            return this;
        }

        /**
         * Sets whether the thread is a daemon.
         *
         * @param isDaemon true if the JVM may exit while it runs
         * @return this builder
         */
        public Builder daemon(final boolean isDaemon) {
            this.daemon = isDaemon;
            return this;
        }

        /**
         * Returns the spec.
         *
         * @return an immutable spec
         */
        public ThreadConfig build() {
            return new ThreadConfig(this);
        }
    }
}
