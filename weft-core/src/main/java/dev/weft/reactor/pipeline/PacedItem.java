package dev.weft.reactor.pipeline;

/**
 * One item of a paced pipeline (a packet of a frame, in MTL's terms).
 *
 * @param sequence its position in the stream, from 0
 * @param deadlineNanos the {@link System#nanoTime()} before which it must not go out
 */
public record PacedItem(long sequence, long deadlineNanos) {}
