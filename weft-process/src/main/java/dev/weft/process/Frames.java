package dev.weft.process;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The worker wire protocol's framing: each message is a 4-byte big-endian length followed by that many bytes of
 * UTF-8 JSON, on the worker's stdin (scheduler to worker) and stdout (worker to scheduler).
 *
 * <p>Length prefixes rather than newline-delimited JSON because a frame can then be read with two exact reads and no
 * scanning, and because anything else written on the stream (garbage from a misbehaving function) is caught at
 * once: a length outside {@code 1..MAX_FRAME} or a body that is not a JSON object is a protocol violation, after
 * which the scheduler treats the worker as crashed.
 */
final class Frames {

    /** The largest frame either side accepts: 64 MiB. */
    static final int MAX_FRAME = 64 << 20;

    private Frames() {}

    /**
     * Writes one frame and flushes.
     *
     * @param out the stream
     * @param body the JSON bytes
     * @throws IOException if the stream fails (a dead peer)
     */
    static void write(final OutputStream out, final byte[] body) throws IOException {
        if (body.length == 0 || body.length > MAX_FRAME) {
            throw new IOException("frame of " + body.length + " bytes is outside 1.." + MAX_FRAME);
        }
        final int n = body.length;
        final byte[] frame = new byte[4 + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(body, 0, frame, 4, n);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param in the stream
     * @return the frame's body, or {@code null} at a clean end of stream (between frames)
     * @throws ProtocolException if the length prefix is out of range or the stream ends inside a frame
     * @throws IOException if the stream fails
     */
    static byte[] read(final DataInputStream in) throws IOException {
        final int first = in.read();
        if (first < 0) {
            return null;
        }
        final int length;
        try {
            length = (first << 24)
                    | (in.readUnsignedByte() << 16)
                    | (in.readUnsignedByte() << 8)
                    | in.readUnsignedByte();
        } catch (final EOFException e) {
            throw new ProtocolException("stream ended inside a frame's length prefix");
        }
        if (length <= 0 || length > MAX_FRAME) {
            throw new ProtocolException(String.format(
                    "frame length 0x%08x is outside 1..%d (garbage on the protocol stream?)", length, MAX_FRAME));
        }
        final byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new ProtocolException("stream ended after " + body.length + " of a frame's " + length + " bytes");
        }
        return body;
    }

    /** A violation of the wire protocol: bad framing or a body that is not a valid message. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         *
         * @param message what was wrong
         */
        ProtocolException(final String message) {
            super(message);
        }
    }
}
