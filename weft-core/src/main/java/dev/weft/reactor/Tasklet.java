package dev.weft.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * A non-blocking callback that a {@link Reactor} polls on behalf of its {@link Strand}: MTL's tasklet, SPDK's poller.
 *
 * <p>{@link #poll()} returns how much work it did: more than 0 is busy, 0 is idle, less than 0 is not counted (as
 * SPDK). A reactor sleeps only after a pass in which no tasklet did work. A tasklet may advise how long it can stand
 * the reactor sleeping ({@link #adviceSleepMicros(long)}, MTL's {@code advice_sleep_us}; 0 means no advice), and may
 * change that advice at any time. A <em>timed</em> tasklet has a period and is polled only when due (SPDK's timed
 * poller), so it never keeps a reactor awake. {@link #pause()} and {@link #resume()} take a tasklet out of the
 * loop and back (SPDK's paused pollers) without stopping it.
 *
 * <p>{@link #poll()}, {@link #start()} and {@link #stop()} run on the reactor thread; the other public methods may
 * be called from any thread. A tasklet whose {@code poll()} or {@code start()} throws is taken off its strand
 * (stopped, if it had started) and the failure goes to the group's {@link ReactorListener#failed}; the reactor goes
 * on.
 */
public abstract class Tasklet {

    /*
     * Implementation overview.
     *
     * All loop state of a tasklet (its strand, its next due time, its statistics) is written only by the thread of the
     * reactor that runs its strand. The statistics are plain fields written with opaque stores, so any thread may read
     * a consistent-enough TaskletStats without a lock and without a fence on the reactor's side. The advice and the
     * kind word are volatile because other threads may set them. The kind word holds TIMED (fixed at construction)
     * and PAUSED (set and cleared atomically by pause and resume), so the reactor decides with one read per poll
     * whether a tasklet takes the plain path (kind 0: polled, not paused) or the rare one. start() and
     * stop() run on the reactor thread, when the tasklet joins and leaves its strand.
     */

    private static final VarHandle RUNS;
    private static final VarHandle BUSY_RUNS;
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle IDLE_NANOS;
    private static final VarHandle STRAND;
    private static final VarHandle MISSED;
    private static final VarHandle SKIPPED;
    private static final VarHandle KIND;

    /** In {@link #kind()}: the tasklet has a period. */
    static final int TIMED = 1;

    /** In {@link #kind()}: the tasklet is paused. */
    static final int PAUSED = 2;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUNS = lookup.findVarHandle(Tasklet.class, "runs", long.class);
            BUSY_RUNS = lookup.findVarHandle(Tasklet.class, "busyRuns", long.class);
            BUSY_NANOS = lookup.findVarHandle(Tasklet.class, "busyNanos", long.class);
            IDLE_NANOS = lookup.findVarHandle(Tasklet.class, "idleNanos", long.class);
            STRAND = lookup.findVarHandle(Tasklet.class, "strand", Strand.class);
            MISSED = lookup.findVarHandle(Tasklet.class, "missedPeriods", long.class);
            SKIPPED = lookup.findVarHandle(Tasklet.class, "skippedPasses", long.class);
            KIND = lookup.findVarHandle(Tasklet.class, "kind", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final long id = IDS.incrementAndGet();
    private final long periodNanos;
    private volatile long adviceSleepNanos;
    private volatile int kind;
    private volatile Strand strand;
    private long runs;
    private long busyRuns;
    private long busyNanos;
    private long idleNanos;
    private long missedPeriods;
    private long skippedPasses;
    private long basePass;
    private volatile StrandLoopState joined;
    private volatile boolean timesSampled;
    private long nextDueNanos;

    /**
     * Creates a polled tasklet: the reactor calls it on every pass.
     *
     * @param name the name that stats and failure reports use, not blank
     * @throws IllegalArgumentException if the name is blank
     */
    protected Tasklet(final String name) {
        this.name = checkName(name);
        this.periodNanos = 0;
    }

    /**
     * Creates a timed tasklet: the reactor calls it once per period, the first time one period after it starts.
     *
     * @param name the name that stats and failure reports use, not blank
     * @param period the period, positive
     * @throws IllegalArgumentException if the name is blank or the period is not positive
     */
    protected Tasklet(final String name, final Duration period) {
        this.name = checkName(name);
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("tasklet '" + name + "': period " + period + " is not positive");
        }
        this.periodNanos = period.toNanos();
        this.kind = TIMED;
    }

    /**
     * Returns a polled tasklet that runs a function.
     *
     * @param name the tasklet's name
     * @param body returns the work done (&gt; 0 busy, 0 idle, &lt; 0 not counted)
     * @return the tasklet
     */
    public static Tasklet of(final String name, final IntSupplier body) {
        Objects.requireNonNull(body, "body");
        return new Tasklet(name) {
            @Override
            public int poll() {
                return body.getAsInt();
            }
        };
    }

    /**
     * Returns a timed tasklet that runs a function once per period.
     *
     * @param name the tasklet's name
     * @param period the period, positive
     * @param body returns the work done (&gt; 0 busy, 0 idle, &lt; 0 not counted)
     * @return the tasklet
     */
    public static Tasklet timed(final String name, final Duration period, final IntSupplier body) {
        Objects.requireNonNull(body, "body");
        return new Tasklet(name, period) {
            @Override
            public int poll() {
                return body.getAsInt();
            }
        };
    }

    /**
     * Does one slice of work without blocking; runs on the reactor thread.
     *
     * @return the work done: more than 0 busy, 0 idle, less than 0 not counted
     */
    public abstract int poll();

    /** Called on the reactor thread when the tasklet joins a running strand, before its first poll. */
    protected void start() {}

    /** Called on the reactor thread when the tasklet leaves its strand: removed, failed, or the reactor stopped. */
    protected void stop() {}

    /**
     * Returns the name.
     *
     * @return the name
     */
    public final String name() {
        return name;
    }

    /**
     * Returns the id, unique in this JVM (SPDK's poller id).
     *
     * @return a positive id
     */
    public final long id() {
        return id;
    }

    /**
     * Whether the tasklet is timed.
     *
     * @return true if it has a period
     */
    public final boolean timed() {
        return periodNanos > 0;
    }

    /**
     * Returns the period of a timed tasklet.
     *
     * @return the period, or {@link Duration#ZERO} for a polled tasklet
     */
    public final Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    final long periodNanos() {
        return periodNanos;
    }

    /**
     * Sets how long the reactor may sleep when this tasklet is idle (MTL's {@code advice_sleep_us}); any thread may
     * call this at any time.
     *
     * @param micros the advice in microseconds, 0 for no advice
     * @throws IllegalArgumentException if negative
     */
    public final void adviceSleepMicros(final long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("tasklet '" + name + "': sleep advice " + micros + " µs is negative");
        }
        this.adviceSleepNanos = Math.multiplyExact(micros, 1000L);
    }

    /**
     * Returns the sleep advice.
     *
     * @return microseconds, 0 for no advice
     */
    public final long adviceSleepMicros() {
        return adviceSleepNanos / 1000L;
    }

    final long adviceSleepNanos() {
        return adviceSleepNanos;
    }

    /** Stops polling this tasklet until {@link #resume()}; it stays on its strand and is not stopped. */
    public final void pause() {
        KIND.getAndBitwiseOr(this, PAUSED);
    }

    /** Polls this tasklet again after {@link #pause()}, waking its reactor if that sleeps. */
    public final void resume() {
        KIND.getAndBitwiseAnd(this, ~PAUSED);
        final Strand owner = strand;
        if (owner != null) {
            owner.nudge();
        }
    }

    /**
     * Whether the tasklet is paused.
     *
     * @return true between {@link #pause()} and {@link #resume()}
     */
    public final boolean paused() {
        return (kind & PAUSED) != 0;
    }

    /** {@link #TIMED} and {@link #PAUSED} as bits: 0 for a polled tasklet that is not paused; any thread. */
    final int kind() {
        return kind;
    }

    /**
     * Returns the strand the tasklet was added to, if any.
     *
     * @return the strand, empty before it is added and after it is removed
     */
    public final Optional<Strand> strand() {
        return Optional.ofNullable(strand);
    }

    /**
     * Reads the tasklet's counters; any thread may call this while the tasklet runs.
     *
     * @return a snapshot of the counters
     */
    public final TaskletStats stats() {
        return new TaskletStats(
                name,
                runs(),
                (long) BUSY_RUNS.getOpaque(this),
                (long) BUSY_NANOS.getOpaque(this),
                (long) IDLE_NANOS.getOpaque(this),
                id,
                periodNanos,
                paused(),
                (long) MISSED.getOpaque(this),
                timesSampled);
    }

    /**
     * Returns the name and, for a timed tasklet, the period.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "Tasklet{" + name + (periodNanos > 0 ? ", period=" + period() : "") + "}";
    }

    boolean claim(final Strand owner) {
        return STRAND.compareAndSet(this, null, owner);
    }

    void release() {
        strand = null;
    }

    Strand owner() {
        return strand;
    }

    /** When a timed tasklet is due next, on the {@link System#nanoTime()} scale; owning reactor. */
    long nextDueNanos() {
        return nextDueNanos;
    }

    /** Makes a timed tasklet due one period after a time; owning reactor. */
    void dueAfter(final long nanos) {
        assert onOwnerThread() : "dueAfter of " + this + " off its reactor's thread";
        nextDueNanos = nanos + periodNanos;
    }

    /** Whether the calling thread runs this tasklet's strand, or the tasklet is on no strand; for asserts. */
    private boolean onOwnerThread() {
        final Strand owner = strand;
        return owner == null || owner.onOwnerThread();
    }

    /** Counts whole periods a timed tasklet missed because its poll came late; owning reactor. */
    void missed(final long periods) {
        assert onOwnerThread() : "missed of " + this + " off its reactor's thread";
        MISSED.setOpaque(this, missedPeriods + periods);
    }

    /**
     * Counts a timed poll and charges its time; owning reactor.
     *
     * @param result what the poll returned
     * @param elapsedNanos its time, already scaled when sampled
     * @param sampled whether the time stands for the polls of several passes ({@link TaskletTiming#SAMPLED})
     */
    void record(final int result, final long elapsedNanos, final boolean sampled) {
        assert onOwnerThread() : "record of " + this + " off its reactor's thread";
        if (periodNanos > 0) {
            count(result);
        } else if (result > 0) {
            countBusy();
        }
        if (result > 0) {
            BUSY_NANOS.setOpaque(this, busyNanos + elapsedNanos);
        } else if (result == 0) {
            IDLE_NANOS.setOpaque(this, idleNanos + elapsedNanos);
        }
        if (sampled != timesSampled) {
            timesSampled = sampled;
        }
    }

    /*
     * Run counts. A timed tasklet counts each poll. An untimed one is polled in every pass of its strand in which
     * it is not paused, so its runs are derived, without a store per poll: the strand's pass count (StrandLoopState)
     * since the tasklet joined, less the passes it sat out paused, plus what it ran on strands before.
     */

    /** Notes that the tasklet joined a strand's array; owning reactor. */
    void joined(final StrandLoopState loop) {
        basePass = loop.passes();
        SKIPPED.setOpaque(this, 0L);
        joined = loop;
    }

    /** Notes that the tasklet left its strand's array, keeping the runs it made there; owning reactor. */
    void left(final StrandLoopState loop) {
        final long made = periodNanos > 0 ? 0 : loop.passes() - basePass - skippedPasses;
        joined = null;
        RUNS.setOpaque(this, runs + made);
    }

    /** Counts a pass an untimed tasklet sat out paused; owning reactor. */
    void skipped() {
        SKIPPED.setOpaque(this, skippedPasses + 1);
    }

    private long runs() {
        final StrandLoopState loop = joined;
        final long counted = (long) RUNS.getOpaque(this);
        if (loop == null || periodNanos > 0) {
            return counted;
        }
        return counted + loop.passes() - basePass - (long) SKIPPED.getOpaque(this);
    }

    /** Counts a busy poll of an untimed tasklet, whose runs are derived; owning reactor. */
    void countBusy() {
        BUSY_RUNS.setOpaque(this, busyRuns + 1);
    }

    /** Counts a poll of a timed tasklet without timing it; owning reactor. */
    void count(final int result) {
        assert onOwnerThread() : "count of " + this + " off its reactor's thread";
        RUNS.setOpaque(this, runs + 1);
        if (result > 0) {
            BUSY_RUNS.setOpaque(this, busyRuns + 1);
        }
    }

    private static String checkName(final String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tasklet name must not be blank");
        }
        return name;
    }
}
