package dev.weft.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON-RPC client on one persistent connection, sending requests as SPDK's {@code rpc.py} does: keys in the order
 * {@code jsonrpc, method, id, params}, {@code params} left out when empty, ids counting from 1, no delimiter. It
 * reads responses by parsing back-to-back JSON values, so it needs no newline either. Connecting, each write and each
 * wait for response bytes are bounded by a timeout (default {@link #DEFAULT_TIMEOUT}): a server that accepts and
 * never answers gets an {@link UncheckedIOException} saying so, never a hang. Jackson's buffers are recycled per
 * thread, since its callers (the {@code weft} commands, monitors) are long-lived platform threads. Not thread-safe:
 * one caller at a time.
 */
public final class JsonRpcClient implements AutoCloseable {

    /* Implementation overview.
     *
     * The channel is non-blocking and every wait goes through a selector with the time left, because a blocking
     * SocketChannel has no read timeout (SO_TIMEOUT applies only to the socket adaptor, which UNIX channels lack).
     * Responses are parsed from an InputStream over that channel which waits for readability with the timeout. The
     * response parser is made on the first read, because making it reads ahead to detect the encoding.
     */

    /** How long connecting, writing and waiting for an answer may take unless told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final SocketChannel channel;
    private final Selector selector;
    private final SocketAddress address;
    private final boolean pretty;
    private final Duration timeout;
    private JsonParser responses;
    private long nextId = 1;

    private JsonRpcClient(
            final SocketChannel channel,
            final Selector selector,
            final SocketAddress address,
            final boolean pretty,
            final Duration timeout) {
        this.channel = channel;
        this.selector = selector;
        this.address = address;
        this.pretty = pretty;
        this.timeout = timeout;
    }

    /**
     * Connects to a server's UNIX socket with the default timeout.
     *
     * @param socket the socket file
     * @param pretty whether to pretty-print requests as {@code rpc.py} does
     * @return the connected client
     * @throws UncheckedIOException naming the socket when the connection fails
     */
    public static JsonRpcClient connect(final Path socket, final boolean pretty) {
        return connect(UnixDomainSocketAddress.of(socket), pretty, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to a server at any socket address (UNIX or TCP) with the default timeout.
     *
     * @param address the address
     * @param pretty whether to pretty-print requests
     * @return the connected client
     * @throws UncheckedIOException naming the address when the connection fails
     */
    public static JsonRpcClient connect(final SocketAddress address, final boolean pretty) {
        return connect(address, pretty, DEFAULT_TIMEOUT);
    }

    /**
     * Connects to a server at any socket address (UNIX or TCP).
     *
     * @param address the address
     * @param pretty whether to pretty-print requests
     * @param timeout how long connecting, each write and each wait for an answer may take
     * @return the connected client
     * @throws UncheckedIOException naming the address when the connection fails or times out
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public static JsonRpcClient connect(final SocketAddress address, final boolean pretty, final Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the RPC client's timeout must be positive, not " + timeout);
        }
        final long deadline = System.nanoTime() + timeout.toNanos();
        long pauseNanos = 1_000_000L;
        while (true) {
            SocketChannel channel = null;
            Selector selector = null;
            try {
                channel = address instanceof UnixDomainSocketAddress
                        ? SocketChannel.open(StandardProtocolFamily.UNIX)
                        : SocketChannel.open();
                channel.configureBlocking(false);
                selector = Selector.open();
                final JsonRpcClient client = new JsonRpcClient(channel, selector, address, pretty, timeout);
                if (!channel.connect(address)) {
                    client.await(SelectionKey.OP_CONNECT, "accept the connection");
                    channel.finishConnect();
                }
                return client;
            } catch (final IOException e) {
                closeQuietly(channel, selector);
                if (backlogFull(e) && System.nanoTime() + pauseNanos - deadline < 0) {
                    LockSupport.parkNanos(pauseNanos);
                    pauseNanos = Math.min(2 * pauseNanos, 50_000_000L);
                    continue;
                }
                throw new UncheckedIOException(
                        "cannot connect to the RPC server at " + address + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Whether a connection failed because the server's queue of connections waiting to be accepted is full: a
     * non-blocking connect to a UNIX socket then fails at once with {@code EAGAIN}, where a blocking one would wait.
     */
    private static boolean backlogFull(final IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Resource temporarily unavailable");
    }

    /**
     * Presents a TCP server's token ({@code weft_authenticate}); a TCP connection must do this first.
     *
     * @param token the server's token
     * @throws RpcError if the server refuses it
     */
    public void authenticate(final String token) {
        final ObjectNode params = MAPPER.createObjectNode();
        params.put("token", token);
        call("weft_authenticate", params);
    }
    /**
     * Calls a method and waits for its response.
     *
     * @param method the method's name
     * @param params its parameters, or null for none
     * @return the {@code result}
     * @throws RpcError with the server's code and message when it answers with an error
     * @throws UncheckedIOException when the connection fails or closes first
     */
    public JsonNode call(final String method, final JsonNode params) {
        final ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        request.put("id", nextId++);
        if (params != null && !params.isEmpty()) {
            request.set("params", params);
        }
        send(request);
        final JsonNode response = receive();
        final JsonNode error = response.get("error");
        if (error != null) {
            throw new RpcError(
                    error.path("code").asInt(RpcError.INTERNAL_ERROR),
                    error.path("message").asString(""));
        }
        return response.get("result");
    }

    /**
     * Sends any JSON value as it is (a request, a batch, or something malformed for a test).
     *
     * @param value the value
     */
    public void send(final JsonNode value) {
        write(
                pretty
                        ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)
                        : MAPPER.writeValueAsBytes(value));
    }

    /**
     * Sends raw bytes.
     *
     * @param bytes what to write
     */
    public void write(final byte[] bytes) {
        try {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                if (channel.write(buffer) == 0) {
                    await(SelectionKey.OP_WRITE, "take the request");
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot send to the RPC server: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the next JSON value from the server.
     *
     * @return the value
     * @throws UncheckedIOException if the server closes the connection first, or sends nothing for the timeout
     */
    public JsonNode receive() {
        try {
            if (responses == null) {
                responses = MAPPER.createParser(new TimedInput());
            }
            final JsonToken token = responses.nextToken();
            if (token == null) {
                throw new UncheckedIOException(new IOException("the RPC server closed the connection"));
            }
            return MAPPER.readTree(responses);
        } catch (final JacksonException e) {
            if (e.getCause() instanceof IOException cause) {
                throw new UncheckedIOException(cause.getMessage(), cause);
            }
            throw new UncheckedIOException(
                    new IOException("the RPC server sent malformed JSON: " + e.getOriginalMessage(), e));
        }
    }

    /** Closes the connection. */
    @Override
    public void close() {
        if (responses != null) {
            responses.close();
        }
        closeQuietly(channel, selector);
    }

    /** Waits until the channel is ready for an operation, at most the timeout. */
    private void await(final int operation, final String what) throws IOException {
        final SelectionKey key = channel.register(selector, operation);
        try {
            if (selector.select(Math.max(1, timeout.toMillis())) == 0) {
                throw new SocketTimeoutException("the RPC server at " + address + " did not " + what + " within "
                        + describe(timeout) + " (timeout)");
            }
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    private static String describe(final Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static void closeQuietly(final SocketChannel channel, final Selector selector) {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (final IOException ignored) {
            // Nothing is left to do with a connection being dropped.
        }
    }

    /** The response bytes, each wait for them bounded by the timeout. */
    private final class TimedInput extends InputStream {

        @Override
        public int read() throws IOException {
            final byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            final ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            int n = channel.read(buffer);
            while (n == 0) {
                await(SelectionKey.OP_READ, "answer");
                n = channel.read(buffer);
            }
            return n;
        }
    }
}
