package dev.weft.reactor.pipeline;

import dev.weft.reactor.Tasklet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jctools.queues.MessagePassingQueue;

/**
 * MTL's transmitter: sends each item once its deadline has come, in order, and tells the reactor how long it may
 * sleep.
 *
 * <p>Polled by the reactor that runs its strand, and only there; {@link #sent()} may be read from any thread. A sink
 * that throws fails the poll as any tasklet's failure does; the items sent before it count.
 */
public final class TransmitterTasklet extends Tasklet {

    /*
     * Implementation overview
     *
     * A poll sends every due item at the head of the ring (up to a burst). It then looks at the next deadline: less
     * than the lead away it returns busy, so the reactor keeps looping and sends on time; further away it returns idle
     * and advises a sleep until the lead before the deadline (in whole microseconds, rounded down; a wait less than a
     * microsecond past the lead stays awake, since an advice of 0 would be no advice, and the reactor's default sleep
     * of 1 ms), so a sleep-mode reactor rests between items.
     *
     * Adaptive lead. MTL spins a fixed MAX_LEAD_NANOS (200 µs, sch_schedule_ns) before each deadline, sized for the
     * worst wake-up of a timed sleep. What the spin must cover is how late the reactor comes back after the wake-up it
     * was advised, and that is measured here: after each advice the transmitter remembers the wake-up time it asked
     * for, and its first poll at or after that time records how late it is. The lead follows the QUANTILE quantile of
     * those lateness figures by stochastic approximation (up STEP_UP_NANOS when a figure is above it, down
     * STEP_DOWN_NANOS otherwise, whose ratio fixes the quantile), with no memory beyond one number, and stays within
     * MIN_LEAD_NANOS and MTL's 200 µs. On a quiet machine, where a park with the reactor's 1 µs timer slack comes back
     * within tens of microseconds, the spin shrinks to that; when the machine is so loaded that wake-ups come back
     * milliseconds late, no spin would cover them and the lead stays at MTL's 200 µs. A poll that the reactor makes
     * early (woken by other work) records nothing.
     *
     * A spin the kernel breaks. A spin keeps its deadline only if the reactor thread keeps its CPU. On an
     * oversubscribed machine the fair scheduler takes the CPU from a thread that runs without a break, and a spinning
     * reactor is such a thread: on a loaded machine the spin before a deadline is broken by gaps of tens to hundreds of
     * microseconds (docs/DECISIONS.md has the figures), so it costs its CPU and buys no punctuality. The transmitter
     * therefore also watches its own spin: the longest gap between two of its polls from the first spinning poll up to
     * the deadline (a pass of a spinning reactor takes microseconds; other transmitters' sends at the same deadline
     * come after it and do not count). A gap above BROKEN_SPIN_NANOS lowers the lead by STEP_UP_NANOS, as much as a
     * late wake-up raises it, so where spins are broken about as often as wake-ups are late the lead sinks to
     * MIN_LEAD_NANOS and the reactor parks to its deadline instead; on a machine that leaves the spin alone, the lead
     * follows the wake-up lateness as above.
     *
     * The count of items sent, which other threads read, is published with one release store per poll that sent (also
     * when the sink throws part-way), not a volatile write per item, which would fence the reactor's path.
     */

    /** The quantile of the wake-up lateness that the lead follows. */
    public static final double QUANTILE = 0.95;

    /** The least lead: below it the spin costs less than the park and wake-up it would replace. */
    public static final long MIN_LEAD_NANOS = 20_000L;

    /** The largest lead, MTL's fixed one: the same 200 µs below which a reactor yields instead of sleeping. */
    public static final long MAX_LEAD_NANOS = 200_000L;

    /** How far one lateness figure above the lead raises it. */
    static final long STEP_UP_NANOS = 19_000L;

    /** How far one lateness figure at or below the lead lowers it: {@code STEP_UP × (1 − q) / q} for q = 0.95. */
    static final long STEP_DOWN_NANOS = 1_000L;

    /**
     * The longest gap between two polls of one spin that still counts as an unbroken spin: the least lead, far
     * above a pass of a spinning reactor.
     */
    public static final long BROKEN_SPIN_NANOS = MIN_LEAD_NANOS;

    /** What {@link #sleepMicros} returns when the reactor must stay awake for the next deadline. */
    static final long STAY_AWAKE = -1;

    private final MessagePassingQueue<PacedItem> ring;
    private final Consumer<PacedItem> sink;
    private final int burst;
    private final LongSupplier clock;
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
    /** Whether the last poll kept the reactor awake for the deadline {@code spinDeadlineNanos}. */
    private boolean spinning;

    private long spinDeadlineNanos;
    private long lastPollNanos;
    private long longestSpinGapNanos;

    /**
     * Creates a transmitter.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one builder
     * @param sink receives each item when it goes out, on the reactor thread
     * @param burst the most items sent in one poll, at least 1
     */
    public TransmitterTasklet(
            final String name,
            final MessagePassingQueue<PacedItem> ring,
            final Consumer<PacedItem> sink,
            final int burst) {
        this(name, ring, sink, burst, System::nanoTime);
    }

    /**
     * Creates a transmitter that reads time from a given clock, so that tests can drive it.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one builder
     * @param sink receives each item when it goes out
     * @param burst the most items sent in one poll, at least 1
     * @param clock the time in nanoseconds, on the scale of the items' deadlines
     */
    TransmitterTasklet(
            final String name,
            final MessagePassingQueue<PacedItem> ring,
            final Consumer<PacedItem> sink,
            final int burst,
            final LongSupplier clock) {
        super(name);
        this.clock = Objects.requireNonNull(clock, "clock");
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
        final long now = clock.getAsLong();
        if (advised && now - adviseWakeNanos >= 0) {
            advised = false;
            learn(now - adviseWakeNanos);
        }
        if (spinning) {
            final long until = now - spinDeadlineNanos < 0 ? now : spinDeadlineNanos;
            longestSpinGapNanos = Math.max(longestSpinGapNanos, until - lastPollNanos);
            if (now - spinDeadlineNanos >= 0) {
                spinning = false;
                leadNanos = afterSpin(leadNanos, longestSpinGapNanos);
            }
        }
        lastPollNanos = now;
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
            spinning = false;
            adviceSleepMicros(0);
            return 0;
        }
        final long sleepMicros = sleepMicros(head.deadlineNanos() - now, leadNanos);
        if (sleepMicros == STAY_AWAKE) {
            if (!spinning || spinDeadlineNanos != head.deadlineNanos()) {
                spinning = true;
                spinDeadlineNanos = head.deadlineNanos();
                longestSpinGapNanos = 0;
            }
            return 1;
        }
        spinning = false;
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
     * Lowers a lead after a spin the kernel broke.
     *
     * @param leadNanos the lead so far
     * @param longestGapNanos the longest gap between two polls of the spin, up to its deadline
     * @return the lead lowered by {@link #STEP_UP_NANOS} (within the bounds) when that gap is above
     *     {@link #BROKEN_SPIN_NANOS}, else the same lead
     */
    static long afterSpin(final long leadNanos, final long longestGapNanos) {
        return longestGapNanos > BROKEN_SPIN_NANOS ? Math.max(MIN_LEAD_NANOS, leadNanos - STEP_UP_NANOS) : leadNanos;
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
