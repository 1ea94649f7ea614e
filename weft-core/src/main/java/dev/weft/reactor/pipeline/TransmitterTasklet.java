package dev.weft.reactor.pipeline;

import dev.weft.reactor.SleepRule;
import dev.weft.reactor.Tasklet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;

/**
 * MTL's transmitter: sends each item once its deadline has come, in order, and tells the reactor how long it may
 * sleep.
 *
 * <p>A poll sends every due item at the head of the ring (up to a burst). It then looks at the next deadline: less
 * than the <em>lead</em> away it returns busy, so the reactor keeps looping and sends on time; further away it
 * returns idle and advises a sleep until the lead before the deadline (in whole microseconds, rounded down; a wait
 * less than a microsecond past the lead stays awake, since an advice of 0 would be no advice, and the reactor's
 * default sleep of 1 ms), so a sleep-mode reactor rests between items.
 *
 * <p><b>Adaptive lead.</b> MTL spins a fixed {@link SleepRule#YIELD_THRESHOLD_NANOS} (200 µs,
 * {@code sch_schedule_ns}) before each deadline, sized for the worst wake-up of a timed sleep. What the spin must
 * cover is how late the reactor comes back after the wake-up it was advised, and that is measured here: after each
 * advice the transmitter remembers the wake-up time it asked for, and its first poll at or after that time
 * records how late it is. The lead follows the {@link #QUANTILE} quantile of those lateness figures by stochastic
 * approximation (up {@link #STEP_UP_NANOS} when a figure is above it, down {@link #STEP_DOWN_NANOS} otherwise, whose
 * ratio fixes the quantile), with no memory beyond one number, and stays within {@link #MIN_LEAD_NANOS} and MTL's
 * 200 µs. On a quiet machine, where a park with the reactor's 1 µs timer slack comes back within tens of
 * microseconds, the spin shrinks to that; when the machine is so loaded that wake-ups come back milliseconds late,
 * no spin would cover them and the lead stays at MTL's 200 µs. A poll that the reactor makes early (woken by other
 * work) records nothing.
 *
 * <p>The count of items sent, which other threads read, is published with one release store per poll that sent
 * (also when the sink throws part-way), not a volatile write per item, which would fence the reactor's path.
 */
public final class TransmitterTasklet extends Tasklet {

    /** The quantile of the wake-up lateness that the lead follows. */
    public static final double QUANTILE = 0.95;

    /** The least lead: below it the spin costs less than the park and wake-up it would replace. */
    public static final long MIN_LEAD_NANOS = 20_000L;

    /** The largest lead, MTL's fixed one. */
    public static final long MAX_LEAD_NANOS = SleepRule.YIELD_THRESHOLD_NANOS;

    /** How far one lateness figure above the lead raises it. */
    static final long STEP_UP_NANOS = 19_000L;

    /** How far one lateness figure at or below the lead lowers it: {@code STEP_UP × (1 − q) / q} for q = 0.95. */
    static final long STEP_DOWN_NANOS = 1_000L;

    /** What {@link #sleepMicros} returns when the reactor must stay awake for the next deadline. */
    static final long STAY_AWAKE = -1;

    private final MessagePassingQueue<PacedItem> ring;
    private final Consumer<PacedItem> sink;
    private final int burst;
    private static final VarHandle SENT;

    static {
        try {
            SENT = MethodHandles.lookup().findVarHandle(TransmitterTasklet.class, "sent", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Written only by the reactor thread, once per poll that sent, with a release store; others read it acquiring. */
    private long sent;
    /** The lead, written only by the reactor thread; volatile so that other threads read it. */
    private volatile long leadNanos = MAX_LEAD_NANOS;
    private long adviseWakeNanos;
    private boolean advised;

    /**
     * Creates a transmitter.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one builder
     * @param sink receives each item when it goes out, on the reactor thread
     * @param burst the most items sent in one poll, at least 1
     */
    public TransmitterTasklet(final String name, final MessagePassingQueue<PacedItem> ring,
            final Consumer<PacedItem> sink, final int burst) {
        super(name);
        this.ring = Objects.requireNonNull(ring, "ring");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (burst < 1) {
            throw new IllegalArgumentException("transmitter '" + name + "': burst " + burst + " is below 1");
        }
        this.burst = burst;
    }

    /**
     * Sends the due items and decides whether the reactor may sleep.
     *
     * @return items sent, or 1 while the next deadline is less than the lead away, else 0 with sleep advice set
     */
    @Override
    public int poll() {
        final long now = System.nanoTime();
        if (advised && now - adviseWakeNanos >= 0) {
            advised = false;
            learn(now - adviseWakeNanos);
        }
        int out = 0;
        PacedItem head = ring.relaxedPeek();
        try {
            while (head != null && out < burst && head.deadlineNanos() - now <= 0) {
                ring.relaxedPoll();
                sink.accept(head);
                out++;
                head = ring.relaxedPeek();
            }
        } finally {
            if (out > 0) {
                SENT.setRelease(this, sent + out);
            }
        }
        if (out > 0) {
            return out;
        }
        if (head == null) {
            adviceSleepMicros(0);
            return 0;
        }
        final long sleepMicros = sleepMicros(head.deadlineNanos() - now, leadNanos);
        if (sleepMicros == STAY_AWAKE) {
            return 1;
        }
        advised = true;
        adviseWakeNanos = now + sleepMicros * 1000;
        adviceSleepMicros(sleepMicros);
        return 0;
    }

    /**
     * Decides, with the next deadline ahead, between keeping the reactor awake and a sleep advice. The advice is in
     * whole microseconds, rounded down so that the wake-up never passes the lead, and an advice of 0 would mean "no
     * advice" (a reactor's default 1 ms sleep): a wait that leaves less than a whole microsecond past the lead
     * therefore keeps the reactor awake too.
     *
     * @param waitNanos how far the next deadline is, positive
     * @param leadNanos the lead
     * @return {@link #STAY_AWAKE}, or the sleep advice in microseconds, at least 1
     */
    static long sleepMicros(final long waitNanos, final long leadNanos) {
        final long micros = (waitNanos - leadNanos) / 1000;
        return waitNanos < leadNanos || micros == 0 ? STAY_AWAKE : micros;
    }

    private void learn(final long lateNanos) {
        leadNanos = nextLead(leadNanos, lateNanos);
    }

    /**
     * Moves a lead one step towards the {@link #QUANTILE} quantile of the wake-up lateness.
     *
     * @param leadNanos the lead so far
     * @param lateNanos how late the first poll came after the advised wake-up
     * @return the next lead, within {@link #MIN_LEAD_NANOS} and {@link #MAX_LEAD_NANOS}
     */
    static long nextLead(final long leadNanos, final long lateNanos) {
        final long next = lateNanos > leadNanos ? leadNanos + STEP_UP_NANOS : leadNanos - STEP_DOWN_NANOS;
        return Math.max(MIN_LEAD_NANOS, Math.min(MAX_LEAD_NANOS, next));
    }

    /**
     * Returns the current lead: how long before a deadline the transmitter keeps its reactor awake.
     *
     * @return the lead in nanoseconds, within {@link #MIN_LEAD_NANOS} and {@link #MAX_LEAD_NANOS}
     */
    public long leadNanos() {
        return leadNanos;
    }

    /**
     * Returns how many items went out.
     *
     * @return items sent so far
     */
    public long sent() {
        return (long) SENT.getAcquire(this);
    }
}
