package dev.weft.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Raw socket helpers shared by the server's tests, to check exact bytes on the wire. */
final class RpcTestSupport {

    private RpcTestSupport() {}

    static SocketChannel raw(final Path path) throws IOException {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return channel;
    }

    static void write(final SocketChannel channel, final String text) throws IOException {
        write(channel, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(final SocketChannel channel, final byte[] bytes) throws IOException {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads until {@code lines} newlines arrived or the server closed; returns the text. */
    static String readLines(final SocketChannel channel, final int lines) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteBuffer buffer = ByteBuffer.allocate(4096);
        int seen = 0;
        while (seen < lines) {
            buffer.clear();
            final int n;
            try {
                n = channel.read(buffer);
            } catch (final IOException reset) {
                break;
            }
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                final byte b = buffer.get(i);
                out.write(b);
                seen += b == '\n' ? 1 : 0;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static boolean closedByServer(final SocketChannel channel) {
        try {
            final ByteBuffer buffer = ByteBuffer.allocate(4096);
            int n;
            do {
                buffer.clear();
                n = channel.read(buffer);
            } while (n > 0);
            return n < 0;
        } catch (final IOException reset) {
            return true;
        }
    }
}
