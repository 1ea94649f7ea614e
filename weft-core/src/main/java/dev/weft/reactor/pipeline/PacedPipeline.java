package dev.weft.reactor.pipeline;

import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;

/**
 * A builder and a transmitter joined by a JCTools SPSC ring, installed on one strand (MTL's TX video split).
 *
 * <p>Both tasklets run on the strand's reactor, so the ring has one producer and one consumer at any time; if the
 * strand moves, the hand-over through the target's mailbox orders the two reactors' accesses.
 */
public final class PacedPipeline {

    private static final int BURST = 32;

    private final BuilderTasklet builder;
    private final TransmitterTasklet transmitter;

    /**
     * Creates a pipeline.
     *
     * @param name a prefix for the two tasklets' names
     * @param ringCapacity the ring's capacity, at least 2
     * @param count how many items the stream has
     * @param interval the time between two deadlines
     * @param sink receives each item when it goes out
     */
    public PacedPipeline(
            final String name,
            final int ringCapacity,
            final long count,
            final Duration interval,
            final Consumer<PacedItem> sink) {
        final SpscVarHandleArrayQueue<PacedItem> ring = ring(name, ringCapacity);
        this.builder = new BuilderTasklet(name + "-builder", ring, count, interval.toNanos(), BURST);
        this.transmitter = new TransmitterTasklet(name + "-transmitter", ring, sink, BURST);
    }

    /**
     * Creates a pipeline whose deadlines lie on the grid {@code epochNanos + k × interval}, shared with every other
     * pipeline of the same interval and epoch (see {@link BuilderTasklet}).
     *
     * @param name a prefix for the two tasklets' names
     * @param ringCapacity the ring's capacity, at least 2
     * @param count how many items the stream has
     * @param interval the time between two deadlines
     * @param epochNanos the {@link System#nanoTime()} value the shared deadlines are counted from
     * @param sink receives each item when it goes out
     */
    public PacedPipeline(
            final String name,
            final int ringCapacity,
            final long count,
            final Duration interval,
            final long epochNanos,
            final Consumer<PacedItem> sink) {
        final SpscVarHandleArrayQueue<PacedItem> ring = ring(name, ringCapacity);
        this.builder = new BuilderTasklet(name + "-builder", ring, count, interval.toNanos(), BURST, epochNanos);
        this.transmitter = new TransmitterTasklet(name + "-transmitter", ring, sink, BURST);
    }

    private static SpscVarHandleArrayQueue<PacedItem> ring(final String name, final int ringCapacity) {
        if (ringCapacity < 2) {
            throw new IllegalArgumentException(
                    "pipeline '" + name + "': ring capacity " + ringCapacity + " is below 2");
        }
        return new SpscVarHandleArrayQueue<>(ringCapacity);
    }

    /**
     * Adds both tasklets to a strand, builder first.
     *
     * @param strand the strand
     * @return a future that completes once both have started
     */
    public CompletableFuture<Void> install(final Strand strand) {
        final CompletableFuture<Tasklet> first = strand.add(builder);
        final CompletableFuture<Tasklet> second = strand.add(transmitter);
        return CompletableFuture.allOf(first, second);
    }

    /**
     * Returns the builder.
     *
     * @return the builder tasklet
     */
    public BuilderTasklet builder() {
        return builder;
    }

    /**
     * Returns the transmitter.
     *
     * @return the transmitter tasklet
     */
    public TransmitterTasklet transmitter() {
        return transmitter;
    }
}
