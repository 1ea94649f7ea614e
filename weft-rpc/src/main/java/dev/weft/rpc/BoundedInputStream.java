package dev.weft.rpc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read from a connection and refuses to read more than a bound past a mark, so that one request
 * can never make the server buffer more than its size cap (plus the parser's read-ahead).
 */
final class BoundedInputStream extends FilterInputStream {

    /** The connection sent a value larger than the cap. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(final String message) {
            super(message);
        }
    }

    private final long bound;
    private long read;
    private long mark;

    BoundedInputStream(final InputStream in, final long bound) {
        super(in);
        this.bound = bound;
    }

    /** Starts a new allowance: the bytes of the values completed so far no longer count. */
    void restartAt(final long offset) {
        mark = offset;
    }

    @Override
    public int read() throws IOException {
        check(1);
        final int b = super.read();
        if (b >= 0) {
            read++;
        }
        return b;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        final long allowed = bound - (read - mark);
        check(1);
        final int n = super.read(buffer, offset, (int) Math.min(length, allowed));
        if (n > 0) {
            read += n;
        }
        return n;
    }

    private void check(final int wanted) throws TooLargeException {
        if (read - mark + wanted > bound) {
            throw new TooLargeException("request over " + bound + " bytes");
        }
    }
}
