package dev.weft.cli.demo;

import java.nio.ByteBuffer;

/**
 * The RTP-like header of a demo packet: a stream id, a sequence number, the {@link System#nanoTime()} at which
 * the packet was scheduled to leave (for echo requests: the time it left) and the time the sender actually wrote it.
 * Senders and receivers run in one JVM, so the monotonic clock is shared: arrival minus scheduled time is the pacing
 * error, which splits into the sender's lateness (sent minus scheduled) and the delivery (arrival minus sent, which
 * includes waking the receiver).
 *
 * <p>Layout, big-endian: {@code int stream, long sequence, long scheduledNanos, long sentNanos}, then payload
 * padding.
 */
public final class Packet {

    /** Bytes of the header. */
    public static final int HEADER_BYTES = 28;

    private Packet() {}

    /**
     * Writes a packet of {@code size} bytes into a buffer, ready to send (flipped).
     *
     * @param buffer the buffer, cleared here, with at least {@code size} bytes of capacity
     * @param size the payload size, at least {@link #HEADER_BYTES}
     * @param stream the stream id
     * @param sequence the sequence number
     * @param scheduledNanos the scheduled send time
     * @param sentNanos the time it is being sent
     */
    public static void write(
            final ByteBuffer buffer,
            final int size,
            final int stream,
            final long sequence,
            final long scheduledNanos,
            final long sentNanos) {
        buffer.clear();
        buffer.putInt(stream).putLong(sequence).putLong(scheduledNanos).putLong(sentNanos);
        buffer.position(size);
        buffer.flip();
    }

    /**
     * Reads the stream id of a received packet (buffer flipped, positioned at 0).
     *
     * @param buffer the packet
     * @return the stream id
     */
    public static int stream(final ByteBuffer buffer) {
        return buffer.getInt(0);
    }

    /**
     * Reads the sequence number of a received packet.
     *
     * @param buffer the packet
     * @return the sequence number
     */
    public static long sequence(final ByteBuffer buffer) {
        return buffer.getLong(4);
    }

    /**
     * Reads the scheduled time of a received packet.
     *
     * @param buffer the packet
     * @return the scheduled {@link System#nanoTime()}
     */
    public static long scheduledNanos(final ByteBuffer buffer) {
        return buffer.getLong(12);
    }

    /**
     * Reads the time a received packet was sent.
     *
     * @param buffer the packet
     * @return the {@link System#nanoTime()} the sender wrote it at
     */
    public static long sentNanos(final ByteBuffer buffer) {
        return buffer.getLong(20);
    }

    /**
     * Whether a received datagram is long enough to hold a header.
     *
     * @param buffer the datagram, flipped
     * @return true if it has a header
     */
    public static boolean valid(final ByteBuffer buffer) {
        return buffer.remaining() >= HEADER_BYTES;
    }
}
