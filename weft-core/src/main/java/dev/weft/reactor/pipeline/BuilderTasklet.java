package dev.weft.reactor.pipeline;

import dev.weft.reactor.Tasklet;
import java.util.Objects;
import org.jctools.queues.MessagePassingQueue;

/**
 * MTL's builder: prepares items ahead of the transmitter and fills the ring until it is full or the stream ends.
 *
 * <p>Each poll builds at most a burst, so that the builder never holds the reactor long; it reports the number
 * built as its work, so the reactor keeps looping while the ring has room, and reports 0 (idle) once the ring is
 * full. Item {@code n} is due at {@code start + n × interval}, which fixes the pacing before anything is sent.
 */
public final class BuilderTasklet extends Tasklet {

    private final MessagePassingQueue<PacedItem> ring;
    private final long count;
    private final long intervalNanos;
    private final int burst;
    /** Written only by the reactor thread; volatile so that other threads read it. */
    private volatile long built;
    private long startNanos;

    /**
     * Creates a builder.
     *
     * @param name the tasklet's name
     * @param ring the ring shared with one transmitter
     * @param count how many items the stream has, at least 0
     * @param intervalNanos the time between two deadlines, at least 0
     * @param burst the most items built in one poll, at least 1
     */
    public BuilderTasklet(final String name, final MessagePassingQueue<PacedItem> ring, final long count,
            final long intervalNanos, final int burst) {
        super(name);
        this.ring = Objects.requireNonNull(ring, "ring");
        if (count < 0 || intervalNanos < 0 || burst < 1) {
            throw new IllegalArgumentException("builder '" + name + "': count " + count + ", interval "
                    + intervalNanos + " ns and burst " + burst + " must be >= 0, >= 0 and >= 1");
        }
        this.count = count;
        this.intervalNanos = intervalNanos;
        this.burst = burst;
    }

    /**
     * Fixes the stream's start time, from which every deadline follows.
     */
    @Override
    protected void start() {
        startNanos = System.nanoTime();
    }

    /**
     * Builds up to a burst of items into the ring.
     *
     * @return how many items were built, 0 when the ring is full or the stream is complete
     */
    @Override
    public int poll() {
        int made = 0;
        while (made < burst && built < count) {
            if (!ring.relaxedOffer(new PacedItem(built, startNanos + built * intervalNanos))) {
                break;
            }
            built++;
            made++;
        }
        return made;
    }

    /**
     * Returns how many items were built.
     *
     * @return items built so far
     */
    public long built() {
        return built;
    }
}
