package dev.weft.rpc;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A JSON-RPC client on one persistent connection, sending requests as SPDK's {@code rpc.py} does: keys in the order
 * {@code jsonrpc, method, id, params}, {@code params} left out when empty, ids counting from 1, no delimiter. It
 * reads responses by parsing back-to-back JSON values, so it needs no newline either. The response parser is made
 * on the first read, because making it reads ahead to detect the encoding and would wait for the server. Jackson's
 * buffers are recycled per thread, not through Jackson's default deque shared by every client of the process, since
 * its callers (the {@code weft} commands, monitors) are long-lived platform threads. Not thread-safe: one caller at
 * a time.
 */
public final class JsonRpcClient implements AutoCloseable {

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final SocketChannel channel;
    private final boolean pretty;
    private JsonParser responses;
    private long nextId = 1;

    private JsonRpcClient(final SocketChannel channel, final boolean pretty) {
        this.channel = channel;
        this.pretty = pretty;
    }

    /**
     * Connects to a server's UNIX socket.
     *
     * @param socket the socket file
     * @param pretty whether to pretty-print requests as {@code rpc.py} does
     * @return the connected client
     * @throws UncheckedIOException naming the socket when the connection fails
     */
    public static JsonRpcClient connect(final Path socket, final boolean pretty) {
        return connect(UnixDomainSocketAddress.of(socket), pretty);
    }

    /**
     * Connects to a server at any socket address (UNIX or TCP).
     *
     * @param address the address
     * @param pretty whether to pretty-print requests
     * @return the connected client
     * @throws UncheckedIOException naming the address when the connection fails
     */
    public static JsonRpcClient connect(final SocketAddress address, final boolean pretty) {
        try {
            final SocketChannel channel = address instanceof UnixDomainSocketAddress
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.connect(address);
            return new JsonRpcClient(channel, pretty);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot connect to the RPC server at " + address + ": " + e.getMessage(),
                    e);
        }
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
            throw new RpcError(error.path("code").asInt(RpcError.INTERNAL_ERROR), error.path("message").asString(""));
        }
        return response.get("result");
    }

    /**
     * Sends any JSON value as it is (a request, a batch, or something malformed for a test).
     *
     * @param value the value
     */
    public void send(final JsonNode value) {
        write(pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)
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
                channel.write(buffer);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot send to the RPC server: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for the next JSON value from the server.
     *
     * @return the value
     * @throws UncheckedIOException if the server closes the connection first
     */
    public JsonNode receive() {
        if (responses == null) {
            responses = MAPPER.createParser(Channels.newInputStream(channel));
        }
        final JsonToken token = responses.nextToken();
        if (token == null) {
            throw new UncheckedIOException(new IOException("the RPC server closed the connection"));
        }
        return MAPPER.readTree(responses);
    }

    /** Closes the connection. */
    @Override
    public void close() {
        try {
            if (responses != null) {
                responses.close();
            }
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
