package dev.weft.bench.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The transport floor the RPC benchmarks compare with: a bare UNIX-socket server, a thread per connection (a
 * platform thread, as the RPC server uses, or a virtual thread, to show what the JDK's poller hand-off costs),
 * that answers every request (a compact JSON request ending in {@code '}'}) with a fixed response line of the size
 * of a two-reactor {@code framework_get_reactors} answer, with no parsing and no runtime to read.
 */
final class EchoServer implements AutoCloseable {

    static final byte[] REQUEST =
            "{\"jsonrpc\":\"2.0\",\"method\":\"framework_get_reactors\",\"id\":1}".getBytes(StandardCharsets.US_ASCII);
    static final byte[] RESPONSE = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"tick_rate\":1000000000,\"pid\":1,"
                    + "\"reactors\":[" + "x".repeat(560) + "]}}\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** The name prefix of the platform threads that serve connections, by which their CPU time is found. */
    static final String SERVING_THREAD_PREFIX = "bench-echo-serve-";

    private final Path path;
    private final ServerSocketChannel listener;
    private final Thread.Builder threads;

    EchoServer(final Path path, final boolean virtual) {
        this.path = path;
        this.threads =
                virtual ? Thread.ofVirtual() : Thread.ofPlatform().daemon().name(SERVING_THREAD_PREFIX, 0);
        try {
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(path));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().start(this::accept);
    }

    Path path() {
        return path;
    }

    private void accept() {
        while (listener.isOpen()) {
            try {
                final SocketChannel channel = listener.accept();
                threads.start(() -> serve(channel));
            } catch (final IOException e) {
                return;
            }
        }
    }

    private static void serve(final SocketChannel channel) {
        final ByteBuffer in = ByteBuffer.allocate(4096);
        try (channel) {
            while (channel.read(in) >= 0) {
                in.flip();
                while (in.hasRemaining()) {
                    if (in.get() == '}' && !in.hasRemaining()) {
                        channel.write(ByteBuffer.wrap(RESPONSE));
                    }
                }
                in.clear();
            }
        } catch (final IOException e) {
            // the client went away; nothing to answer
        }
    }

    /**
     * One round trip on a client channel: sends the request, reads up to the response's newline.
     *
     * @param channel a connected channel
     * @param buffer a scratch buffer of at least the response's size
     * @return the number of bytes received
     * @throws IOException if the connection fails
     */
    static int roundTrip(final SocketChannel channel, final ByteBuffer buffer) throws IOException {
        return roundTrip(channel, REQUEST, buffer);
    }

    /**
     * One round trip of a given request on a client channel: sends it, reads up to the response's newline.
     *
     * @param channel a connected channel
     * @param request the request's bytes
     * @param buffer a scratch buffer of at least the response's size
     * @return the number of bytes received
     * @throws IOException if the connection fails
     */
    static int roundTrip(final SocketChannel channel, final byte[] request, final ByteBuffer buffer)
            throws IOException {
        channel.write(ByteBuffer.wrap(request));
        buffer.clear();
        int received = 0;
        while (true) {
            final int read = channel.read(buffer);
            if (read < 0) {
                throw new IOException("echo server closed the connection");
            }
            received += read;
            if (buffer.get(buffer.position() - 1) == '\n') {
                return received;
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
            Files.deleteIfExists(path);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
