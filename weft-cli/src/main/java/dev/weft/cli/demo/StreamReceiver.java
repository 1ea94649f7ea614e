package dev.weft.cli.demo;

import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/**
 * What the receiving end of one media stream measures: each packet's pacing error (arrival minus scheduled time),
 * the sender's share of it (sent minus scheduled time, the lateness of the pacer alone), the rest of it (arrival
 * minus sent time: the socket, the kernel and the receiving thread's wake-up), how many packets arrived, and how
 * many arrived after a later one (reordering). The two shares are recorded per packet, so that the tail of each can
 * be read on its own (the 99th percentile of a sum is not the sum of the shares' percentiles). Only packets scheduled
 * at or after the end of the warm-up are timed; every packet counts as received and in the reordering check.
 *
 * <p>Single writer: one thread (the reactor running the session's strand, or the plain way's receiving thread)
 * calls {@link #accept}; others read the figures only after that thread has stopped, through a happens-before edge
 * (a completed future or a join). Errors go into an HdrHistogram of nanoseconds with 3 significant digits, so the
 * percentiles are exact to 0.1 %. A packet that arrives before its scheduled time (impossible here, since both
 * ways send at or after it) would count as 0 error.
 */
final class StreamReceiver {

    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final int stream;
    private final long timedFromNanos;
    private final Histogram errors = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram transit = new Histogram(HIGHEST_NANOS, 3);
    private long received;
    private long reordered;
    private long foreign;
    private long highest = -1;

    /**
     * Creates the receiving end of a stream.
     *
     * @param stream the stream id its packets carry
     * @param timedFromNanos the {@link System#nanoTime()} value from which scheduled packets are timed
     */
    StreamReceiver(final int stream, final long timedFromNanos) {
        this.stream = stream;
        this.timedFromNanos = timedFromNanos;
    }

    /**
     * Records one received datagram.
     *
     * @param datagram the datagram, flipped
     * @param arrivalNanos when it was read
     */
    void accept(final ByteBuffer datagram, final long arrivalNanos) {
        if (!Packet.valid(datagram) || Packet.stream(datagram) != stream) {
            foreign++;
            return;
        }
        final long sequence = Packet.sequence(datagram);
        final long scheduled = Packet.scheduledNanos(datagram);
        if (scheduled - timedFromNanos >= 0) {
            final long error = Math.max(0, arrivalNanos - scheduled);
            errors.recordValue(Math.min(error, HIGHEST_NANOS));
            final long late = Math.max(0, Packet.sentNanos(datagram) - scheduled);
            lateness.recordValue(Math.min(late, HIGHEST_NANOS));
            final long inTransit = Math.max(0, arrivalNanos - Packet.sentNanos(datagram));
            transit.recordValue(Math.min(inTransit, HIGHEST_NANOS));
        }
        received++;
        if (sequence < highest) {
            reordered++;
        } else {
            highest = sequence;
        }
    }

    Histogram errors() {
        return errors;
    }

    Histogram lateness() {
        return lateness;
    }

    Histogram transit() {
        return transit;
    }

    long received() {
        return received;
    }

    long reordered() {
        return reordered;
    }

    long foreign() {
        return foreign;
    }
}
