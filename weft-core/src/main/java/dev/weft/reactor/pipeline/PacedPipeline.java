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
    public PacedPipeline(final String name, final int ringCapacity, final long count, final Duration interval,
            final Consumer<PacedItem> sink) {
        if (ringCapacity < 2) {
            throw new IllegalArgumentException("pipeline '" + name + "': ring capacity " + ringCapacity
                    + " is below 2");
        }
        final SpscVarHandleArrayQueue<PacedItem> ring = new SpscVarHandleArrayQueue<>(ringCapacity);
        this.builder = new BuilderTasklet(name + "-builder", ring, count, interval.toNanos(), 32);
        this.transmitter = new TransmitterTasklet(name + "-transmitter", ring, sink, 32);
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
