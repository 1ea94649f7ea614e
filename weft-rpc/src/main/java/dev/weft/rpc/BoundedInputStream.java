package dev.weft.rpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * What the parser reads a connection through: it counts the bytes of the value being read and refuses to read past
 * the size cap, charges them to the connection's {@link InFlightMemory.Account} before the parser sees them, checks
 * that they are well-formed UTF-8, and notes the time of the last byte received.
 *
 * <p>Invalid UTF-8 is reported only once the parser asks for the bad byte itself: a read returns the valid bytes
 * before it and the next read throws {@link InvalidUtf8Exception}, so values completed before the bad byte are
 * answered first. Single-threaded: it belongs to one connection.
 */
final class BoundedInputStream extends FilterInputStream {

    /** The connection sent a value larger than the cap. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(final String message) {
            super(message);
        }
    }

    /** The connection sent bytes that are not well-formed UTF-8. */
    static final class InvalidUtf8Exception extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidUtf8Exception(final String message) {
            super(message);
        }
    }

    private final long bound;
    private final InFlightMemory.Account memory;
    private final LongSupplier clock;
    private final Utf8Validator utf8 = new Utf8Validator();
    private volatile long lastReadNanos;
    private long read;
    private long mark;
    private long invalidAt = -1;

    BoundedInputStream(
            final InputStream in, final long bound, final InFlightMemory.Account memory, final LongSupplier clock) {
        super(in);
        this.bound = bound;
        this.memory = memory;
        this.clock = clock;
        this.lastReadNanos = clock.getAsLong();
    }

    /** Starts a new allowance: the bytes of the values completed so far no longer count. */
    void restartAt(final long offset) {
        mark = offset;
    }

    /**
     * Returns when the last byte arrived.
     *
     * @return the clock's reading
     */
    long lastReadNanos() {
        return lastReadNanos;
    }

    @Override
    public int read() throws IOException {
        final byte[] one = new byte[1];
        final int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        if (invalidAt >= 0) {
            throw new InvalidUtf8Exception("invalid UTF-8 at byte " + invalidAt);
        }
        if (length == 0) {
            return 0;
        }
        final long allowed = bound - (read - mark);
        if (allowed <= 0) {
            throw new TooLargeException("request over " + bound + " bytes");
        }
        final int wanted = (int) Math.min(length, allowed);
        memory.input(2 * (read - mark + wanted));
        final int n = super.read(buffer, offset, wanted);
        if (n <= 0) {
            return n;
        }
        lastReadNanos = clock.getAsLong();
        final int valid = utf8.validPrefix(buffer, offset, n);
        if (valid < n) {
            invalidAt = read + valid;
            if (valid == 0) {
                throw new InvalidUtf8Exception("invalid UTF-8 at byte " + invalidAt);
            }
        }
        read += valid;
        return valid;
    }

    @Override
    public long skip(final long n) throws IOException {
        final byte[] sink = new byte[(int) Math.min(n, 8192)];
        final int got = read(sink, 0, sink.length);
        return Math.max(got, 0);
    }
}
