package dev.weft.bench.reactor;

import dev.weft.reactor.pipeline.BuilderTasklet;
import dev.weft.reactor.pipeline.PacedItem;
import dev.weft.reactor.pipeline.TransmitterTasklet;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The paced pipeline's per-item cost (MTL's builder/transmitter split): one builder poll that builds an
 * item into the JCTools SPSC ring and one transmitter poll that finds it due and hands it to the sink, against the
 * same work written by hand over a bare ring ({@code bareRing}: offer a new item, peek, compare its deadline with
 * {@link System#nanoTime()}, poll, hand over), which is what a user would write without weft's tasklets.
 *
 * <p>The tasklets are polled directly, without a reactor, so the loop's own cost (measured by
 * {@link DispatchBenchmark}) stays out; a builder that never joined a strand counts its deadlines from 0, so with a
 * zero interval every item is due at once and each operation sends exactly one item. The transmitter's adaptive lead
 * is not exercised on this path (it runs only when the next item is not yet due). Setup checks, for both ways, that
 * a thousand operations send a thousand items in sequence order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PacedPipelineBenchmark {

    private static final int CHECKED = 1_000;

    @Param({"pipeline", "bareRing"})
    String way;

    private SpscVarHandleArrayQueue<PacedItem> ring;
    private BuilderTasklet builder;
    private TransmitterTasklet transmitter;
    private long nextSequence;
    private long handedOver;
    private long lastSequence;

    /**
     * Builds both ways and checks that each operation sends one item, in order.
     */
    @Setup(Level.Trial)
    public void setUp() {
        ring = new SpscVarHandleArrayQueue<>(64);
        builder = new BuilderTasklet("bench-builder", ring, Long.MAX_VALUE, 0, 1);
        transmitter = new TransmitterTasklet("bench-transmitter", ring, this::handOver, 1);
        for (int i = 0; i < CHECKED; i++) {
            operation();
        }
        if (handedOver != CHECKED || lastSequence != CHECKED - 1) {
            throw new IllegalStateException(way + ": " + CHECKED + " operations handed over " + handedOver
                    + " items, the last numbered " + lastSequence);
        }
    }

    private void handOver(final PacedItem item) {
        handedOver++;
        lastSequence = item.sequence();
    }

    private void operation() {
        if (way.equals("pipeline")) {
            builder.poll();
            transmitter.poll();
        } else {
            ring.relaxedOffer(new PacedItem(nextSequence++, 0));
            final PacedItem head = ring.relaxedPeek();
            if (head != null && head.deadlineNanos() - System.nanoTime() <= 0) {
                ring.relaxedPoll();
                handOver(head);
            }
        }
    }

    /**
     * Builds and sends one item.
     *
     * @return the items handed over so far
     */
    @Benchmark
    public long item() {
        operation();
        return handedOver;
    }
}
