package dev.weft.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * The kernel scheduling class a thread runs in, and its one parameter: Linux's fair class with an optional slice
 * ({@link #fair(Duration)}), or a real-time class with a priority ({@link #fifo(int)}, {@link #roundRobin(int)}).
 *
 * <p>A real-time class needs {@code CAP_SYS_NICE} or an {@code RLIMIT_RTPRIO} of at least the priority, and a
 * real-time thread that does not sleep takes its CPU from every fair thread: give it only to threads that sleep
 * between bursts (reactors in sleep or interrupt mode) or own a CPU, and in a JVM keep the busy ones fewer than the
 * CPUs they may run on, since the JVM's own threads (compilers, garbage collector) stay fair.
 *
 * <p>Instances are immutable values; {@link #equals} compares class, priority and slice.
 */
public final class SchedulingPolicy {

    /*
     * Implementation overview
     *
     * Why a reactor wants a class. On cores shared with other work, a reactor that sleeps until a deadline is only as
     * punctual as the kernel's wake-up. In the fair class (EEVDF since Linux 6.6) a woken thread preempts the running
     * one only when its virtual deadline is earlier, and a thread running its slice is protected until the slice ends
     * or the next tick (4 ms at HZ=250), so a deadline can be missed by milliseconds whatever the thread's share.
     *
     * Two remedies, both named here. FAIR with a slice: sched_setattr with sched_runtime for SCHED_OTHER (Linux 6.12
     * and later); a shorter slice gives an earlier virtual deadline, so the thread may preempt on wake-up, and it
     * cannot starve anyone since its share is unchanged. The kernel clamps the slice to 0.1-100 ms; older kernels
     * ignore it, which NativeThread.currentSchedulingPolicy() shows by reading back another slice. FIFO and
     * ROUND_ROBIN: the real-time classes, as SPDK and DPDK deployments run their pollers (chrt -f). A real-time thread
     * preempts every fair thread on wake-up, so its wake-up latency is the kernel's and the hypervisor's alone; the
     * kernel's real-time throttle (95% by default) is all that stops one that never sleeps. A real-time thread that
     * waits for a fair JVM thread (spinning or not) must leave that thread a CPU, or both stall. NativeThread sets
     * SCHED_RESET_ON_FORK with a real-time class, so that a process started from such a thread does not inherit it.
     */

    /** The lowest real-time priority Linux accepts. */
    public static final int MIN_REALTIME_PRIORITY = 1;

    /** The highest real-time priority Linux accepts. */
    public static final int MAX_REALTIME_PRIORITY = 99;

    /** The shortest fair slice the kernel honours; shorter requests are raised to it. */
    public static final Duration MIN_SLICE = Duration.ofNanos(100_000);

    /** The longest fair slice the kernel honours. */
    public static final Duration MAX_SLICE = Duration.ofMillis(100);

    private static final SchedulingPolicy FAIR = new SchedulingPolicy(Kind.FAIR, 0, 0);

    /** The kernel's scheduling classes this type can express. */
    public enum Kind {
        /** {@code SCHED_OTHER}: the fair class. */
        FAIR(0),
        /** {@code SCHED_FIFO}: real time, runs until it blocks or a higher priority wakes. */
        FIFO(1),
        /** {@code SCHED_RR}: real time, as FIFO but sharing its priority level in time slices. */
        ROUND_ROBIN(2);

        private final int linuxPolicy;

        Kind(final int linuxPolicy) {
            this.linuxPolicy = linuxPolicy;
        }

        /**
         * Returns Linux's number for the class ({@code SCHED_OTHER} 0, {@code SCHED_FIFO} 1, {@code SCHED_RR} 2).
         *
         * @return the policy number
         */
        public int linuxPolicy() {
            return linuxPolicy;
        }

        static Kind ofLinuxPolicy(final int policy) {
            for (final Kind kind : values()) {
                if (kind.linuxPolicy == policy) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "Linux scheduling policy " + policy + " is none of SCHED_OTHER, " + "SCHED_FIFO or SCHED_RR");
        }
    }

    private final Kind kind;
    private final int priority;
    private final long sliceNanos;

    private SchedulingPolicy(final Kind kind, final int priority, final long sliceNanos) {
        this.kind = kind;
        this.priority = priority;
        this.sliceNanos = sliceNanos;
    }

    /**
     * Returns the fair class with the kernel's default slice.
     *
     * @return {@code SCHED_OTHER}
     */
    public static SchedulingPolicy fair() {
        return FAIR;
    }

    /**
     * Returns the fair class with a slice of its own.
     *
     * @param slice the slice, within [{@link #MIN_SLICE}, {@link #MAX_SLICE}]
     * @return {@code SCHED_OTHER} with that slice
     * @throws IllegalArgumentException if the slice is outside the range the kernel honours
     */
    public static SchedulingPolicy fair(final Duration slice) {
        Objects.requireNonNull(slice, "slice");
        if (slice.compareTo(MIN_SLICE) < 0 || slice.compareTo(MAX_SLICE) > 0) {
            throw new IllegalArgumentException("fair slice " + slice.toNanos() + " ns is outside the kernel's "
                    + MIN_SLICE.toNanos() + ".." + MAX_SLICE.toNanos() + " ns");
        }
        return new SchedulingPolicy(Kind.FAIR, 0, slice.toNanos());
    }

    /**
     * Returns the first-in first-out real-time class at a priority.
     *
     * @param priority the priority, 1 (lowest) to 99
     * @return {@code SCHED_FIFO} at that priority
     * @throws IllegalArgumentException if the priority is outside 1..99
     */
    public static SchedulingPolicy fifo(final int priority) {
        return new SchedulingPolicy(Kind.FIFO, checkPriority(priority), 0);
    }

    /**
     * Returns the round-robin real-time class at a priority.
     *
     * @param priority the priority, 1 (lowest) to 99
     * @return {@code SCHED_RR} at that priority
     * @throws IllegalArgumentException if the priority is outside 1..99
     */
    public static SchedulingPolicy roundRobin(final int priority) {
        return new SchedulingPolicy(Kind.ROUND_ROBIN, checkPriority(priority), 0);
    }

    /**
     * Parses the form {@link #toString()} writes: {@code fair}, {@code fair/SLICE_MICROS}, {@code fifo/PRIORITY} or
     * {@code rr/PRIORITY}.
     *
     * @param text the text
     * @return the policy
     * @throws IllegalArgumentException naming the text if it is none of those forms or its number is out of range
     */
    public static SchedulingPolicy parse(final String text) {
        Objects.requireNonNull(text, "text");
        final int slash = text.indexOf('/');
        final String name = slash < 0 ? text : text.substring(0, slash);
        if (slash < 0) {
            if (name.equals("fair")) {
                return FAIR;
            }
            throw new IllegalArgumentException(
                    "scheduling policy '" + text + "' is none of fair, fair/SLICE_US, " + "fifo/PRIORITY, rr/PRIORITY");
        }
        final int number;
        try {
            number = Integer.parseInt(text.substring(slash + 1));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("scheduling policy '" + text + "' has no whole number after '/'", e);
        }
        return switch (name) {
            case "fair" -> fair(Duration.ofNanos(number * 1_000L));
            case "fifo" -> fifo(number);
            case "rr" -> roundRobin(number);
            default ->
                throw new IllegalArgumentException("scheduling policy '" + text + "' is none of fair, "
                        + "fair/SLICE_US, fifo/PRIORITY, rr/PRIORITY");
        };
    }

    static SchedulingPolicy ofLinux(final int policy, final int priority, final long sliceNanos) {
        final Kind kind = Kind.ofLinuxPolicy(policy);
        return kind == Kind.FAIR
                ? (sliceNanos == 0 ? FAIR : new SchedulingPolicy(Kind.FAIR, 0, sliceNanos))
                : new SchedulingPolicy(kind, priority, 0);
    }

    private static int checkPriority(final int priority) {
        if (priority < MIN_REALTIME_PRIORITY || priority > MAX_REALTIME_PRIORITY) {
            throw new IllegalArgumentException("real-time priority " + priority + " is outside " + MIN_REALTIME_PRIORITY
                    + ".." + MAX_REALTIME_PRIORITY);
        }
        return priority;
    }

    /**
     * Returns the scheduling class.
     *
     * @return the class
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether this is a real-time class.
     *
     * @return true for FIFO and round-robin
     */
    public boolean isRealtime() {
        return kind != Kind.FAIR;
    }

    /**
     * Returns the real-time priority.
     *
     * @return 1..99 for a real-time class, 0 for the fair class
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the fair slice asked for.
     *
     * @return the slice in nanoseconds, or 0 for the kernel's default (and for the real-time classes)
     */
    public long sliceNanos() {
        return sliceNanos;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof SchedulingPolicy that
                && kind == that.kind
                && priority == that.priority
                && sliceNanos == that.sliceNanos;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, priority, sliceNanos);
    }

    /**
     * Returns the form {@link #parse} reads.
     *
     * @return for example {@code fair}, {@code fair/300} (a 300 µs slice) or {@code fifo/10}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case FAIR -> sliceNanos == 0 ? "fair" : "fair/" + sliceNanos / 1_000;
            case FIFO -> "fifo/" + priority;
            case ROUND_ROBIN -> "rr/" + priority;
        };
    }
}
