package dev.weft.reactor;

import dev.weft.platform.CpuSet;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Collects the settings of a {@link ReactorGroup}: made by {@link ReactorGroup#builder()}, used once by
 * {@link #build()}. Not thread-safe; each setter throws {@code IllegalArgumentException} naming the value at fault.
 */
public final class ReactorGroupBuilder {
    String name = "weft";
    CpuSet cpus;
    Topology topology;
    boolean pinned;
    ReactorMode mode = ReactorMode.INTERRUPT;
    long timerSlackNanos = 1_000;
    long defaultSleepNanos = SleepRule.DEFAULT_SLEEP_NANOS;
    SchedulingPolicy scheduling;
    ReactorListener listener = ReactorListener.logging();
    Duration watchdogThreshold = Duration.ofMillis(100);
    Duration startWarningInterval = Duration.ofSeconds(1);
    Duration closeGrace = Duration.ofSeconds(5);
    TaskletTiming taskletTiming = TaskletTiming.SAMPLED;
    NanoClock nanoClock = NanoClock.SYSTEM;
    Function<List<Reactor>, Placement> placement;

    ReactorGroupBuilder() {}

    /**
     * Places new strands by a {@link Placement} instead of round-robin (the default).
     *
     * @param factory makes the placement from the group's reactors, in index order
     * @return this builder
     */
    public ReactorGroupBuilder placement(final Function<List<Reactor>, Placement> factory) {
        this.placement = Objects.requireNonNull(factory, "placement");
        return this;
    }

    /**
     * Sets the name that prefixes thread names.
     *
     * @param groupName the name, not blank
     * @return this builder
     */
    public ReactorGroupBuilder name(final String groupName) {
        if (groupName == null || groupName.isBlank()) {
            throw new IllegalArgumentException("a reactor group name must not be blank");
        }
        this.name = groupName;
        return this;
    }

    /**
     * Uses one reactor per allowed CPU of a topology (the default reads this machine's).
     *
     * @param source the topology
     * @return this builder
     */
    public ReactorGroupBuilder topology(final Topology source) {
        this.topology = Objects.requireNonNull(source, "topology");
        this.cpus = source.allowed();
        return this;
    }

    /**
     * Uses one reactor per CPU of an explicit list.
     *
     * @param reactorCpus the CPUs, not empty
     * @return this builder
     */
    public ReactorGroupBuilder cpus(final CpuSet reactorCpus) {
        if (reactorCpus.isEmpty()) {
            throw new IllegalArgumentException("a reactor group needs at least one CPU");
        }
        this.cpus = reactorCpus;
        return this;
    }

    /**
     * Uses a number of unpinned reactors with nominal CPUs 0 to {@code count - 1}.
     *
     * @param count how many reactors, at least 1
     * @return this builder
     */
    public ReactorGroupBuilder reactors(final int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a reactor group needs at least one reactor, not " + count);
        }
        this.cpus = CpuSet.range(0, count - 1);
        this.pinned = false;
        return this;
    }

    /**
     * Pins each reactor to its CPU (MTL's lcore mode) or leaves it free (pthread mode, the default).
     *
     * @param pin true to pin
     * @return this builder
     */
    public ReactorGroupBuilder pinned(final boolean pin) {
        this.pinned = pin;
        return this;
    }

    /**
     * Sets the mode every reactor starts in.
     *
     * @param startMode the mode
     * @return this builder
     */
    public ReactorGroupBuilder mode(final ReactorMode startMode) {
        this.mode = Objects.requireNonNull(startMode, "mode");
        return this;
    }

    /**
     * Sets every reactor's default sleep in sleep mode, which also caps sleep advice ({@link
     * Reactor#defaultSleep(Duration)}; MTL's 1 ms by default).
     *
     * @param sleep the default sleep, at least 1 µs
     * @return this builder
     */
    public ReactorGroupBuilder defaultSleep(final Duration sleep) {
        this.defaultSleepNanos = SleepRule.defaultSleepNanos(sleep);
        return this;
    }

    /**
     * Sets the timer slack of reactor threads; 0 keeps the system's (50 µs on Linux).
     *
     * @param nanos the slack, default 1 µs
     * @return this builder
     */
    public ReactorGroupBuilder timerSlackNanos(final long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack " + nanos + " ns is negative");
        }
        this.timerSlackNanos = nanos;
        return this;
    }

    /**
     * Sets the scheduling class of reactor threads (by default they inherit the starter's). A real-time class
     * suits reactors that sleep between bursts or own their CPU; see {@link SchedulingPolicy}. The kernel's
     * refusal (no {@code CAP_SYS_NICE}) fails {@link ReactorGroup#start()} with the reason.
     *
     * @param policy the class and its parameter
     * @return this builder
     */
    public ReactorGroupBuilder scheduling(final SchedulingPolicy policy) {
        this.scheduling = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Sets who hears about contained failures and stuck reactors.
     *
     * @param failureListener the listener
     * @return this builder
     */
    public ReactorGroupBuilder listener(final ReactorListener failureListener) {
        this.listener = Objects.requireNonNull(failureListener, "listener");
        return this;
    }

    /**
     * Sets how long a reactor may stay in one piece of work before the watchdog reports it.
     *
     * @param threshold the threshold, default 100 ms; zero turns the watchdog off
     * @return this builder
     */
    public ReactorGroupBuilder watchdog(final Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("watchdog threshold " + threshold + " is negative");
        }
        this.watchdogThreshold = threshold;
        return this;
    }

    /**
     * Sets how every reactor times each tasklet's polls ({@link Reactor#taskletTiming(TaskletTiming)}).
     *
     * @param timing {@link TaskletTiming#SAMPLED} (the default) or {@link TaskletTiming#EXACT}
     * @return this builder
     */
    public ReactorGroupBuilder taskletTiming(final TaskletTiming timing) {
        this.taskletTiming = Objects.requireNonNull(timing, "timing");
        return this;
    }

    /**
     * Replaces the clock the reactors read for their pass accounting; for tests, which check times exactly.
     *
     * @param clock the clock, read on reactor threads only
     * @return this builder
     */
    ReactorGroupBuilder nanoClock(final NanoClock clock) {
        this.nanoClock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Sets how long {@link ReactorGroup#close()} waits for the reactors to stop; one still running then is
     * reported as a {@link ReactorFailure.Kind#REACTOR} failure with its stack, interrupted, and left behind.
     *
     * @param grace the grace, default 5 s; at least 1 ms
     * @return this builder
     */
    public ReactorGroupBuilder closeGrace(final Duration grace) {
        if (grace.isNegative() || grace.toMillis() == 0) {
            throw new IllegalArgumentException("close grace " + grace + " is under 1 ms");
        }
        this.closeGrace = grace;
        return this;
    }

    /**
     * Sets how often start and stop warn about a late reactor.
     *
     * @param interval the interval, default 1 s
     * @return this builder
     */
    public ReactorGroupBuilder startWarningInterval(final Duration interval) {
        if (interval.isNegative() || interval.isZero() || interval.toMillis() == 0) {
            throw new IllegalArgumentException("warning interval " + interval + " is under 1 ms");
        }
        this.startWarningInterval = interval;
        return this;
    }

    /**
     * Returns the group, not yet started.
     *
     * @return the group
     */
    public ReactorGroup build() {
        if (cpus == null) {
            topology(Topology.read());
        }
        return new ReactorGroup(this);
    }
}
