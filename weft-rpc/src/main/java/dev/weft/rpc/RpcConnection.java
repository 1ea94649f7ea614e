package dev.weft.rpc;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * Serves one client connection: reads back-to-back JSON values and answers each as soon as it is complete.
 *
 * <p><b>Implementation overview.</b> A streaming parser reads the connection (with Jackson's trailing-token check
 * off, since that check would wait for the next value); each time it has a complete value the
 * value goes to the {@link RequestDispatcher} and the response, if any, is written at once as compact JSON and a
 * newline, without waiting for a delimiter, exactly what SPDK's {@code rpc.py} expects. The dispatcher generates
 * the response straight into one reused {@link ResponseBuffer} per connection, handed to the socket from there.
 * The input is bounded
 * ({@link BoundedInputStream}): a value larger than the cap is answered with -32600 and the connection closed,
 * having buffered at most the cap plus the parser's read-ahead. Malformed JSON, nesting beyond the cap or an
 * over-long number is answered with -32700 and the connection closed, since the stream cannot be resynchronised.
 * End of input (a client that left, even mid-value) just closes the connection.
 */
final class RpcConnection implements Runnable {

    private static final int READ_AHEAD = 16 * 1024;

    private final SocketChannel channel;
    private final ObjectMapper mapper;
    private final RequestDispatcher dispatcher;
    private final int maxRequestBytes;
    private final JsonRpcServer server;
    private final ResponseBuffer output = new ResponseBuffer();
    private volatile long lastActivityNanos = System.nanoTime();

    RpcConnection(final SocketChannel channel, final ObjectMapper mapper, final RequestDispatcher dispatcher,
            final int maxRequestBytes, final JsonRpcServer server) {
        this.channel = channel;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        this.server = server;
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    void close() {
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing a connection that is already gone has nothing left to report.
        }
    }

    @Override
    public void run() {
        final BoundedInputStream input = new BoundedInputStream(Channels.newInputStream(channel),
                (long) maxRequestBytes + READ_AHEAD);
        try (JsonParser parser = mapper.createParser(input)) {
            boolean open = true;
            while (open) {
                open = serveNext(parser, input);
            }
        } catch (final JacksonException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof BoundedInputStream.TooLargeException) {
                refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes + " bytes");
            } else if (!(cause instanceof IOException)) {
                refuse(RpcError.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
            }
        } catch (final IOException e) {
            // The client left or the server is closing: nothing to answer.
        } finally {
            close();
            server.connectionClosed(this);
        }
    }

    /**
     * Reads the next value and answers it. A method of its own, called once per value, rather than the body of
     * {@link #run()}'s loop: the JIT compiles a method once it has been called a few thousand times, while a loop
     * body in a method that is entered only once (as {@code run} is) waits for on-stack replacement, which a
     * control-plane connection serving a hundred requests a second takes minutes to reach, so the request path ran
     * in the interpreter.
     *
     * @return false at the end of input, or after refusing a value over the size cap
     */
    private boolean serveNext(final JsonParser parser, final BoundedInputStream input) throws IOException {
        final JsonToken token = parser.nextToken();
        if (token == null) {
            return false;
        }
        lastActivityNanos = System.nanoTime();
        final long start = parser.currentTokenLocation().getByteOffset();
        final JsonNode value = mapper.readTree(parser);
        final long end = parser.currentLocation().getByteOffset();
        input.restartAt(end);
        lastActivityNanos = System.nanoTime();
        if (end - start > maxRequestBytes) {
            refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes + " bytes");
            return false;
        }
        server.countRequest();
        if (dispatcher.dispatch(value, output)) {
            send();
        }
        output.clear();
        return true;
    }

    /**
     * Answers a request that ends the connection, then closes gently: the output is shut so the client sees the
     * answer and an end of stream, and what the client still sends is read and dropped (up to the cap), because
     * closing a socket with unread input resets it and the client would lose the answer.
     */
    private void refuse(final int code, final String message) {
        try {
            output.clear();
            RequestDispatcher.writeError(output, code, message);
            send();
            channel.shutdownOutput();
            final byte[] sink = new byte[8192];
            long drained = 0;
            while (drained < 4L * maxRequestBytes) {
                final int n = channel.read(ByteBuffer.wrap(sink));
                if (n < 0) {
                    return;
                }
                drained += n;
            }
        } catch (final IOException ignored) {
            // The client is gone; the answer had nobody to reach.
        }
    }

    private void send() throws IOException {
        output.write('\n');
        final ByteBuffer buffer = output.view();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
