package dev.weft.rpc;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of the responses a connection is about to send: one growable array, reused from request to request, so
 * a response costs no copy of its own on its way to the socket.
 *
 * <p>The {@link RequestDispatcher} writes responses here and may {@link #truncate} back to an earlier
 * {@link #size()} to take back a response that failed halfway through generation and put an error in its place.
 * Closing is a no-op, because JSON generators close their target when they are closed. Single-threaded: it belongs
 * to one connection.
 */
public final class ResponseBuffer extends OutputStream {

    private static final int INITIAL = 4096;
    private static final int KEPT = 64 * 1024;

    private byte[] bytes = new byte[INITIAL];
    private int count;

    /** Creates an empty buffer. */
    public ResponseBuffer() {
        // the array is allocated with the field
    }

    /**
     * Returns how many bytes are held.
     *
     * @return the count
     */
    public int size() {
        return count;
    }

    /**
     * Drops every byte written after the first {@code size} ones.
     *
     * @param size a size this buffer had before
     * @throws IllegalArgumentException if the buffer never had that size
     */
    public void truncate(final int size) {
        if (size < 0 || size > count) {
            throw new IllegalArgumentException("cannot truncate " + count + " bytes to " + size);
        }
        count = size;
    }

    /**
     * Returns the held bytes as a buffer over this array (valid until the next write).
     *
     * @return a view from position 0 to {@link #size()}
     */
    public ByteBuffer view() {
        return ByteBuffer.wrap(bytes, 0, count);
    }

    /**
     * Returns a copy of the held bytes.
     *
     * @return the bytes
     */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, count);
    }

    /**
     * Empties the buffer, letting go of a large array after an unusually large response so that an idle
     * connection holds little.
     */
    public void clear() {
        if (bytes.length > KEPT) {
            bytes = new byte[INITIAL];
        }
        count = 0;
    }

    @Override
    public void write(final int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(final byte[] source, final int offset, final int length) {
        Objects.checkFromIndexSize(offset, length, source.length);
        ensure(length);
        System.arraycopy(source, offset, bytes, count, length);
        count += length;
    }

    /** Does nothing: the buffer outlives the generators that write into it. */
    @Override
    public void close() {
        // deliberately empty, see the method comment
    }

    private void ensure(final int more) {
        if (count + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
        }
    }
}
