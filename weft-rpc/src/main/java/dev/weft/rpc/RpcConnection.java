package dev.weft.rpc;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection, served without a thread of its own: back-to-back JSON values are parsed as their bytes
 * arrive and each is answered as soon as it is complete, compact JSON and a newline.
 *
 * <p><b>Implementation overview.</b> The server's selector thread ({@link ServerLoop}) calls {@link #service()}
 * whenever the non-blocking channel is readable or writable, or a blocking call of this connection has answered.
 * Bytes read are fed to Jackson's non-blocking parser, whose tokens a {@link ValueAssembler} builds into trees; a
 * value split across reads simply waits in the parser and the assembler for its next bytes. Each complete value
 * goes to the {@link RequestDispatcher}, which writes its response into this connection's {@link ResponseBuffer};
 * the responses of all values that arrived together leave in one write. One pass of {@code service} runs until
 * the connection would have to wait, always in this order: send pending output; if some is left (a slow reader),
 * wait for writability and read nothing more, so a client that does not read its answers holds at most
 * {@value #OUTPUT_HIGH_WATER} bytes of them plus one response; otherwise answer the values already read, then read
 * more, once per pass: selection is level-triggered, so the selector calls again while bytes are waiting, and in
 * between serves the other ready connections (no read just to learn there is nothing, no client that pipelines
 * thousands of requests holding the loop).
 *
 * <p>A value that calls a method registered as blocking is handed to a virtual thread of its own, and the
 * connection reads nothing more until {@link #answered} brings the response back to the selector thread: the
 * selector never waits for a method, and answers leave in request order. Every value gets exactly one outcome:
 * its answer, nothing for a notification, or the connection's end.
 *
 * <p>The input is bounded: when more than the cap has arrived since the last complete value, the value is
 * answered with -32600 and the connection closed, having buffered at most the cap plus one read; a value whose
 * text spans more than the cap is refused the same way when it completes. Malformed JSON, nesting beyond the cap or
 * an over-long number is answered with -32700 and the connection closed, since the stream cannot be
 * resynchronised; so is a value cut short by the end of input. A refusal closes gently: the answer is sent, the
 * output shut so the client sees the answer and an end of stream, and what the client still sends is read and
 * dropped (up to four times the cap), because closing a socket with unread input resets it and the client would
 * lose the answer. A client that leaves is answered what it asked before leaving, then closed.
 */
final class RpcConnection {

    /** The most bytes read at once: also how far past the cap a refused value can be buffered. */
    static final int READ_SIZE = 16 * 1024;
    /** Above this many unsent bytes of responses, no further value is answered until some leave. */
    static final int OUTPUT_HIGH_WATER = 64 * 1024;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final ValueAssembler assembler = new ValueAssembler();
    private final RequestDispatcher dispatcher;
    private final int maxRequestBytes;
    private final ServerLoop loop;
    private final ResponseBuffer output = new ResponseBuffer();
    private final byte[] input = new byte[READ_SIZE];
    private int sent;
    private long fed;
    private long lastEnd;
    private long valueStart;
    private boolean inputEnded;
    private boolean waiting;
    private boolean refused;
    private boolean outputShut;
    private long drained;
    private boolean open = true;
    private boolean mayRead;
    private boolean answeredAll;
    private int interest;
    private long lastActivityNanos = System.nanoTime();

    /** What answering the values already read stopped at. */
    private enum Stop {
        /** Every value read so far is answered; more bytes are needed. */
        NEED_INPUT,
        /** The responses waiting to be sent passed the high-water mark. */
        OUTPUT_FULL,
        /** A value went to a blocking call. */
        HANDED_OFF,
        /** The stream was refused (its answer is in the output). */
        REFUSED,
        /** The input ended and every value in it is answered. */
        END
    }

    RpcConnection(final SocketChannel channel, final SelectionKey key, final JsonParser parser,
            final RequestDispatcher dispatcher, final int maxRequestBytes, final ServerLoop loop) {
        this.channel = channel;
        this.key = key;
        this.parser = parser;
        this.feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        this.dispatcher = dispatcher;
        this.maxRequestBytes = maxRequestBytes;
        this.loop = loop;
        this.interest = key.interestOps();
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /**
     * Returns whether a blocking call of this connection is running (it is not idle, however long the call takes).
     *
     * @return true while a blocking method is being answered
     */
    boolean waiting() {
        return waiting;
    }

    /** Closes the connection; the selector thread only. */
    void close() {
        if (!open) {
            return;
        }
        open = false;
        key.cancel();
        parser.close();
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Closing a connection that is already gone has nothing left to report.
        }
        loop.closed(this);
    }

    /** Serves the connection until it would have to wait; the selector thread only. */
    void service() {
        if (!open) {
            return;
        }
        mayRead = true;
        try {
            serve();
        } catch (final IOException e) {
            // The client left or reset the connection: nothing more to answer.
            close();
        }
    }

    /**
     * Takes a blocking call's response back; the selector thread only.
     *
     * @param response the bytes the dispatcher wrote
     * @param answered whether it wrote a response (false for a notification)
     */
    void answered(final ResponseBuffer response, final boolean answered) {
        waiting = false;
        lastActivityNanos = System.nanoTime();
        if (answered) {
            final byte[] bytes = response.toByteArray();
            output.write(bytes, 0, bytes.length);
            output.write('\n');
        }
        service();
    }

    private void serve() throws IOException {
        while (open) {
            if (!flush()) {
                interest(SelectionKey.OP_WRITE);
                return;
            }
            if (answeredAll) {
                close();
                return;
            }
            if (refused) {
                drain();
                return;
            }
            if (waiting) {
                interest(0);
                return;
            }
            final Stop stop = answerRead();
            if (stop == Stop.END) {
                answeredAll = true;
            } else if (stop == Stop.NEED_INPUT && output.size() == sent && !read()) {
                interest(SelectionKey.OP_READ);
                return;
            }
        }
    }

    /**
     * Reads once and feeds what came to the parser, at most once per call of {@link #service()}: a short read
     * means the socket was empty, and the (level-triggered) selector will say when more arrives, which spares a
     * read that would find nothing after every request; after a full read the selector serves the other ready
     * connections before this one reads again, so a client that pipelines thousands of requests cannot hold the
     * loop for long.
     *
     * @return false if the connection should wait for the selector before reading again
     */
    private boolean read() throws IOException {
        if (!mayRead) {
            return false;
        }
        final int n = channel.read(ByteBuffer.wrap(input));
        if (n == 0) {
            return false;
        }
        if (n < 0) {
            inputEnded = true;
            feeder.endOfInput();
            return true;
        }
        lastActivityNanos = System.nanoTime();
        feeder.feedInput(input, 0, n);
        fed += n;
        mayRead = false;
        return true;
    }

    /** Answers the values whose bytes have been read, stopping where the connection must wait. */
    private Stop answerRead() {
        while (true) {
            final JsonToken token;
            final JsonNode value;
            try {
                token = parser.nextToken();
                if (token == JsonToken.NOT_AVAILABLE) {
                    if (fed - lastEnd > maxRequestBytes) {
                        return refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes
                                + " bytes");
                    }
                    return Stop.NEED_INPUT;
                }
                if (token == null) {
                    return Stop.END;
                }
                if (!assembler.inValue()) {
                    valueStart = parser.currentTokenLocation().getByteOffset();
                }
                value = assembler.add(parser, token);
            } catch (final JacksonException e) {
                return refuse(RpcError.PARSE_ERROR, "Parse error: " + e.getOriginalMessage());
            }
            if (value == null) {
                continue;
            }
            lastEnd = parser.currentLocation().getByteOffset();
            if (lastEnd - valueStart > maxRequestBytes) {
                return refuse(RpcError.INVALID_REQUEST, "Invalid request: over " + maxRequestBytes + " bytes");
            }
            loop.countRequest();
            if (dispatcher.mayBlock(value)) {
                waiting = true;
                loop.callBlocking(this, value);
                return Stop.HANDED_OFF;
            }
            if (dispatcher.dispatch(value, output)) {
                output.write('\n');
                if (output.size() - sent > OUTPUT_HIGH_WATER) {
                    return Stop.OUTPUT_FULL;
                }
            }
        }
    }

    /** Puts the error that ends the stream after the answers already given, for {@link #serve} to send. */
    private Stop refuse(final int code, final String message) {
        RequestDispatcher.writeError(output, code, message);
        output.write('\n');
        refused = true;
        return Stop.REFUSED;
    }

    /** After a refusal's answer is sent: shuts the output, then reads and drops the rest of the input. */
    private void drain() throws IOException {
        if (!outputShut) {
            outputShut = true;
            channel.shutdownOutput();
        }
        final ByteBuffer sink = ByteBuffer.wrap(input);
        while (drained < 4L * maxRequestBytes && !inputEnded) {
            sink.clear();
            final int n = channel.read(sink);
            if (n == 0) {
                interest(SelectionKey.OP_READ);
                return;
            }
            if (n < 0) {
                break;
            }
            drained += n;
            lastActivityNanos = System.nanoTime();
        }
        close();
    }

    /**
     * Sends what the output holds.
     *
     * @return true if nothing is left to send
     */
    private boolean flush() throws IOException {
        if (sent == output.size()) {
            return true;
        }
        final int n = channel.write(output.view().position(sent));
        if (n > 0) {
            sent += n;
            lastActivityNanos = System.nanoTime();
        }
        if (sent < output.size()) {
            return false;
        }
        output.clear();
        sent = 0;
        return true;
    }

    private void interest(final int ops) {
        if (ops != interest) {
            interest = ops;
            key.interestOps(ops);
        }
    }
}
