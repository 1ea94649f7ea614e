package dev.weft.reactor.pipeline;

import dev.weft.reactor.Tasklet;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jctools.queues.MessagePassingQueue;

/**
 * MTL's builder: prepares items ahead of the transmitter and fills the ring until it is full or the stream ends.
 *
 * <p>Each poll builds at most a burst, so that the builder never holds the reactor long; it reports the number
 * built as its work, so the reactor keeps looping while the ring has room, and reports 0 (idle) once the ring is
 * full. Item {@code n} is due at {@code start + n × interval}, which fixes the pacing before anything is sent.
 *
 * <p><b>Start time.</b> A free-running builder starts its stream when it joins its strand. A builder given an
 * <em>epoch</em> (a {@link System#nanoTime()} value) starts at the first point of the grid
 * {@code epoch + k × interval} (k any integer) not before it joins, as MTL paces every session of one rate off one
 * epoch: streams of the same interval and epoch then share every deadline wherever they start, so the reactor that
 * carries several wakes once per deadline for all of them and spends one pre-deadline spin on all of them, instead
 * of one each.
 */
public final class BuilderTasklet extends Tasklet {

    /*
     * Implementation overview.
     *
     * The count of items built, which other threads read, is published with one release store per poll rather than a
     * volatile write per item, which would put a full fence on the reactor's path for every item.
     */

    private final MessagePassingQueue<PacedItem> ring;
    private final long count;
    private final long intervalNanos;
    private final int burst;
    private final boolean aligned;
    private final long epochNanos;
    private static final VarHandle BUILT = handle("built");

    /** Written only by the reactor thread, once per poll that built, with a release store; others read it acquiring. */
    private long built;

    private long startNanos;

    /**
     * Creates a free-running builder: its stream starts when it joins its strand.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one transmitter
     * @param count how many items the stream has, at least 0
     * @param intervalNanos the time between two deadlines, at least 0
     * @param burst the most items built in one poll, at least 1
     */
    public BuilderTasklet(
            final String name,
            final MessagePassingQueue<PacedItem> ring,
            final long count,
            final long intervalNanos,
            final int burst) {
        this(name, ring, count, intervalNanos, burst, false, 0);
    }

    /**
     * Creates a builder whose deadlines lie on the grid {@code epochNanos + k × intervalNanos}: its stream starts at
     * the first grid point not before it joins its strand.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one transmitter
     * @param count how many items the stream has, at least 0
     * @param intervalNanos the time between two deadlines, at least 0 (at 0 the stream starts when it joins)
     * @param burst the most items built in one poll, at least 1
     * @param epochNanos a {@link System#nanoTime()} value that the streams sharing deadlines agree on, past or
     *     future
     */
    public BuilderTasklet(
            final String name,
            final MessagePassingQueue<PacedItem> ring,
            final long count,
            final long intervalNanos,
            final int burst,
            final long epochNanos) {
        this(name, ring, count, intervalNanos, burst, true, epochNanos);
    }

    private BuilderTasklet(
            final String name,
            final MessagePassingQueue<PacedItem> ring,
            final long count,
            final long intervalNanos,
            final int burst,
            final boolean aligned,
            final long epochNanos) {
        super(name);
        this.ring = Objects.requireNonNull(ring, "ring");
        if (count < 0 || intervalNanos < 0 || burst < 1) {
            throw new IllegalArgumentException("builder '" + name + "': count " + count + ", interval " + intervalNanos
                    + " ns and burst " + burst + " must be >= 0, >= 0 and >= 1");
        }
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.burst = burst;
        this.aligned = aligned;
        this.epochNanos = epochNanos;
    }

    /**
     * Fixes the stream's start time, from which every deadline follows: now, or the first grid point from now on.
     */
    @Override
    protected void start() {
        startNanos = firstDeadline(System.nanoTime());
    }

    /**
     * Returns the first deadline of a stream joining at a given time.
     *
     * @param nowNanos when the stream joins, a {@link System#nanoTime()} value
     * @return {@code nowNanos} for a free-running builder, else the first point of its grid at or after it
     */
    long firstDeadline(final long nowNanos) {
        if (!aligned || intervalNanos == 0) {
            return nowNanos;
        }
        final long intervals = -Math.floorDiv(epochNanos - nowNanos, intervalNanos);
        return epochNanos + intervals * intervalNanos;
    }

    /**
     * Builds up to a burst of items into the ring.
     *
     * @return how many items were built, 0 when the ring is full or the stream is complete
     */
    @Override
    public int poll() {
        long next = built;
        int made = 0;
        while (made < burst && next < count) {
            if (!ring.relaxedOffer(new PacedItem(next, startNanos + next * intervalNanos))) {
                break;
            }
            next++;
            made++;
        }
        if (made > 0) {
            BUILT.setRelease(this, next);
        }
        return made;
    }

    /**
     * Returns how many items were built.
     *
     * @return items built so far
     */
    public long built() {
        return (long) BUILT.getAcquire(this);
    }

    private static VarHandle handle(final String field) {
        try {
            return MethodHandles.lookup().findVarHandle(BuilderTasklet.class, field, long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
