package dev.weft.reactor.pipeline;

import dev.weft.reactor.SleepRule;
import dev.weft.reactor.Tasklet;
import java.util.Objects;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;

/**
 * MTL's transmitter: sends each item once its deadline has come, in order, and tells the reactor how long it may
 * sleep.
 *
 * <p>A poll sends every due item at the head of the ring (up to a burst). It then looks at the next deadline: under
 * {@link SleepRule#YIELD_THRESHOLD_NANOS} (200 µs, MTL's {@code sch_schedule_ns}) away it returns busy, so the
 * reactor keeps looping and sends on time; further away it returns idle and advises a sleep until shortly before
 * the deadline, so a sleep-mode reactor rests between items.
 */
public final class TransmitterTasklet extends Tasklet {

    private final MessagePassingQueue<PacedItem> ring;
    private final Consumer<PacedItem> sink;
    private final int burst;
    /** Written only by the reactor thread; volatile so that other threads read it. */
    private volatile long sent;

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
     * @return items sent, or 1 while the next deadline is under 200 µs away, else 0 with sleep advice set
     */
    @Override
    public int poll() {
        final long now = System.nanoTime();
        int out = 0;
        PacedItem head = ring.relaxedPeek();
        while (head != null && out < burst && head.deadlineNanos() - now <= 0) {
            ring.relaxedPoll();
            sink.accept(head);
            sent++;
            out++;
            head = ring.relaxedPeek();
        }
        if (out > 0) {
            return out;
        }
        if (head == null) {
            adviceSleepMicros(0);
            return 0;
        }
        final long wait = head.deadlineNanos() - now;
        if (wait < SleepRule.YIELD_THRESHOLD_NANOS) {
            return 1;
        }
        adviceSleepMicros((wait - SleepRule.YIELD_THRESHOLD_NANOS) / 1000);
        return 0;
    }

    /**
     * Returns how many items went out.
     *
     * @return items sent so far
     */
    public long sent() {
        return sent;
    }
}
