package dev.weft.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps the last bytes written to a process's stderr, so an outcome can carry the tail of what the process said
 * while it ran a task.
 *
 * <p>A ring of {@code capacity} bytes plus a count of all bytes ever written: {@link #mark()} returns that count when a
 * task is dispatched, and {@link #since(long)} returns what was written after the mark that is still in the ring. One
 * pump thread writes (through {@link #drain(InputStream)}), the scheduler's thread reads; the methods are
 * synchronized because both sides are rare and short (a pump copies whole reads, not bytes).
 */
final class TailBuffer {

    private final byte[] ring;
    private long written;

    /**
     * Creates a buffer.
     *
     * @param capacity how many trailing bytes to keep
     */
    TailBuffer(final int capacity) {
        this.ring = new byte[capacity];
    }

    /**
     * Copies a stream into the buffer until it ends or fails; meant to run on its own (virtual) thread.
     *
     * @param in the stream, closed at the end
     */
    void drain(final InputStream in) {
        final byte[] chunk = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                append(chunk, n);
            }
        } catch (final IOException e) {
            // The process died or its pipe was closed: the tail so far is all there is.
            return;
        }
    }

    private synchronized void append(final byte[] chunk, final int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) ((written + i) % ring.length)] = chunk[i];
        }
        written += n;
    }

    /**
     * Returns the count of all bytes written so far.
     *
     * @return the mark
     */
    synchronized long mark() {
        return written;
    }

    /**
     * Returns the text written since a mark, at most the ring's capacity, decoded as UTF-8.
     *
     * @param mark an earlier {@link #mark()}
     * @return the tail since the mark (possibly empty)
     */
    synchronized String since(final long mark) {
        final long from = Math.max(mark, written - ring.length);
        final int n = (int) (written - from);
        final byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((from + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
