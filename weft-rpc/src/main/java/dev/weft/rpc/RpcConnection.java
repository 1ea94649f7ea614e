package dev.weft.rpc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Serves one client connection: reads back-to-back JSON values and answers each as soon as it is complete.
 *
 * <p>{@link #run()} runs on the connection's own thread, the only one that reads or writes the socket; the server's
 * other threads read its activity (volatile) to close idle connections. A value over the size cap is answered -32600
 * and the connection closed; malformed JSON -32700 and closed; a request that would exceed the memory for requests in
 * flight -32000 and closed; a batch over the cap -32600, and the connection goes on. On TCP the first request must be
 * {@code weft_authenticate} with the server's token. No exception, errors included, leaves {@link #run()}: the
 * connection is closed and its memory given back.
 */
final class RpcConnection implements Runnable {

    /*
     * Implementation overview
     *
     * A streaming parser reads the connection (with Jackson's trailing-token check off, since that check would wait for
     * the next value) through a BoundedInputStream, which caps the value's size, checks its UTF-8 and charges its bytes
     * to the connection's share of the memory for requests in flight before the parser sees them; a RequestReader
     * builds the value's tree from the tokens, enforcing the batch cap and charging every node. The value then goes to
     * the RequestDispatcher and the response, if any, is written at once as compact JSON and a newline, without waiting
     * for a delimiter, exactly what SPDK's rpc.py expects. The dispatcher generates the response straight into one
     * reused ResponseBuffer.
     *
     * Malformed JSON (invalid UTF-8, nesting beyond the cap, an over-long number or key, a lone surrogate) closes the
     * connection because the stream cannot be resynchronised. The rest of a batch over the cap is skipped unbuilt. End
     * of input (a client that left, even mid-value) just closes the connection.
     */

    private static final int READ_AHEAD = 16 * 1024;
    private static final String AUTHENTICATE = "weft_authenticate";

    private final SocketChannel channel;
    private final ObjectMapper mapper;
    private final RequestDispatcher dispatcher;
    private final int maxRequestBytes;
    private final JsonRpcServer server;
    private final Optional<String> token;
    private final LongSupplier clock;
    private final InFlightMemory.Account memory;
    private final BoundedInputStream input;
    private final RequestReader reader;
    private final ResponseBuffer output = new ResponseBuffer();
    private volatile long lastAnswerNanos;
    private volatile boolean dispatching;
    private volatile Thread thread;
    private boolean authenticated;

    RpcConnection(
            final SocketChannel channel,
            final ObjectMapper mapper,
            final RequestDispatcher dispatcher,
            final RpcServerConfig config,
            final JsonRpcServer server,
            final Optional<String> token,
            final InFlightMemory memory,
            final LongSupplier clock) {
        this.channel = channel;
        this.mapper = mapper;
        this.dispatcher = dispatcher;
        this.maxRequestBytes = config.maxRequestBytes();
        this.server = server;
        this.token = token;
        this.clock = clock;
        this.memory = memory.open();
        this.input = new BoundedInputStream(
                Channels.newInputStream(channel), (long) maxRequestBytes + READ_AHEAD, this.memory, clock);
        this.reader = new RequestReader(config.maxBatch(), this.memory);
        this.lastAnswerNanos = clock.getAsLong();
        this.authenticated = token.isEmpty();
    }

    /**
     * Returns when the connection last received a byte or sent an answer.
     *
     * @return the clock's reading
     */
    long lastActivityNanos() {
        return Math.max(input.lastReadNanos(), lastAnswerNanos);
    }

    /**
     * Returns whether a method is running for this connection now (such a connection is never closed as idle).
     *
     * @return true while a request is being dispatched
     */
    boolean dispatching() {
        return dispatching;
    }

    /** Closes the connection; a method waiting for it (such as {@code framework_wait_init}) is interrupted. */
    void close() {
        final Thread serving = thread;
        if (dispatching && serving != null) {
            serving.interrupt();
        }
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing a connection that is already gone has nothing left to report.
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        server.setUpThread();
        try (JsonParser parser = mapper.createParser(input)) {
            boolean open = true;
            while (open) {
                open = serveNext(parser);
            }
        } catch (final JacksonException e) {
            fail(e.getCause() instanceof IOException cause ? cause : null, e);
        } catch (final IOException e) {
            fail(e, null);
        } catch (final Throwable e) {
            server.connectionFailed(e);
        } finally {
            memory.release();
            close();
            server.connectionClosed(this);
        }
    }

    /** Answers what ended the connection, if the client should hear of it. */
    private void fail(final IOException cause, final JacksonException parse) {
        if (cause instanceof BoundedInputStream.TooLargeException) {
            refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes + " bytes");
        } else if (cause instanceof BoundedInputStream.InvalidUtf8Exception
                || cause instanceof RequestReader.MalformedException) {
            refuse(RpcError.PARSE_ERROR, "Parse error: " + cause.getMessage());
        } else if (cause instanceof InFlightMemory.BusyException) {
            refuse(RpcError.SERVER_BUSY, cause.getMessage());
        } else if (cause == null && parse != null) {
            refuse(RpcError.PARSE_ERROR, "Parse error: " + parse.getOriginalMessage());
        }
        // Any other IOException: the client left or the server is closing, and there is nobody to answer.
    }

    /**
     * Reads the next value and answers it. A method of its own, called once per value, rather than the body of
     * {@link #run()}'s loop: the JIT compiles a method once it has been called a few thousand times, while a loop
     * body in a method that is entered only once (as {@code run} is) waits for on-stack replacement, which a
     * control-plane connection serving a hundred requests a second takes minutes to reach, so the request path ran
     * in the interpreter.
     *
     * @return false at the end of input, or after refusing a value that ends the connection
     */
    private boolean serveNext(final JsonParser parser) throws IOException {
        final JsonToken token = parser.nextToken();
        if (token == null) {
            return false;
        }
        final long start = parser.currentTokenLocation().getByteOffset();
        final RequestReader.Read read = reader.read(parser);
        final long end = parser.currentLocation().getByteOffset();
        input.restartAt(end);
        if (end - start > maxRequestBytes) {
            refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes + " bytes");
            return false;
        }
        server.countRequest();
        try {
            if (read.refusal() != null) {
                RequestDispatcher.writeError(output, RpcError.INVALID_REQUEST, read.refusal());
            } else if (!authenticated) {
                return authenticate(read.value());
            } else {
                dispatching = true;
                final boolean answered;
                try {
                    answered = dispatcher.dispatch(read.value(), output, memory::output);
                } finally {
                    dispatching = false;
                }
                if (!answered) {
                    return true;
                }
            }
            send();
            return true;
        } finally {
            output.clear();
            memory.release();
        }
    }

    /** Checks a TCP connection's first request: {@code weft_authenticate} with the token, or the connection ends. */
    private boolean authenticate(final JsonNode request) throws IOException {
        final JsonNode presented = request.path("params").path("token");
        final boolean valid = request.isObject()
                && AUTHENTICATE.equals(request.path("method").asString(""))
                && presented.isString()
                && MessageDigest.isEqual(
                        presented.asString().getBytes(StandardCharsets.UTF_8),
                        token.orElseThrow().getBytes(StandardCharsets.UTF_8));
        if (!valid) {
            refuse(
                    RpcError.NOT_AUTHENTICATED,
                    "not authenticated: the first request on TCP must be " + AUTHENTICATE + " with the server's token");
            return false;
        }
        authenticated = true;
        final JsonNode id = request.get("id");
        if (id == null || id.isNull()) {
            return true;
        }
        RequestDispatcher.writeResult(output, id, true);
        send();
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
            final ByteBuffer sink = ByteBuffer.allocate(8192);
            long drained = 0;
            while (drained < 4L * maxRequestBytes) {
                sink.clear();
                final int n = channel.read(sink);
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
        // stamped before the write: once a client has read its answer, the connection's activity is on record, so
        // the idle-longest choice never sees an answer that has gone out as older than it is
        lastAnswerNanos = clock.getAsLong();
        output.write('\n');
        final ByteBuffer buffer = output.view();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
