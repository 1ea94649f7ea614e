package dev.weft.rpc;

import java.io.IOException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Builds the tree of one received JSON value from the parser's tokens, enforcing the batch cap and charging the
 * connection's {@link InFlightMemory.Account} for every node as it is built, so that a request is refused before it
 * can take the server's memory. Single-threaded: one per connection.
 *
 * <p>A request's numeric {@code id} is kept as the exact text received ({@link RawNumber}) so that it is echoed
 * unchanged ({@code 1e400} stays {@code 1e400}). A string or key holding an escaped lone surrogate
 * ({@code "\ud800"}) is malformed JSON, in keys and values alike, as in SPDK's parser.
 */
final class RequestReader {

    /** A number exactly as received, for echoing an {@code id}. */
    record RawNumber(String text) {}

    /** The value is not well-formed JSON in a way the tokenizer lets through (an escaped lone surrogate). */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(final String message) {
            super(message);
        }
    }

    /**
     * The outcome of reading one value.
     *
     * @param value the tree, or null when the value was refused and skipped
     * @param refusal why it was refused (the -32600 message), or null
     */
    record Read(JsonNode value, String refusal) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CONTAINER = 64;
    private static final int ENTRY = 48;
    private static final int SCALAR = 24;

    private final int maxBatch;
    private final InFlightMemory.Account memory;
    private long charged;

    RequestReader(final int maxBatch, final InFlightMemory.Account memory) {
        this.maxBatch = maxBatch;
        this.memory = memory;
    }

    /**
     * Reads the value whose first token is the parser's current token, leaving the parser on its last token.
     *
     * @param parser the parser
     * @return the value, or a refusal when a batch is over the cap (the rest of it is skipped without being built)
     * @throws IOException when the memory for requests in flight is exhausted or the value is malformed
     */
    Read read(final JsonParser parser) throws IOException {
        charged = 0;
        final JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            return batch(parser);
        }
        return new Read(token == JsonToken.START_OBJECT ? request(parser) : value(parser, token), null);
    }

    private Read batch(final JsonParser parser) throws IOException {
        final ArrayNode batch = NODES.arrayNode();
        charge(CONTAINER);
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (count == maxBatch) {
                skipRest(parser, token);
                return new Read(null, "Invalid request: a batch may hold at most " + maxBatch + " requests");
            }
            batch.add(token == JsonToken.START_OBJECT ? request(parser) : value(parser, token));
            count++;
        }
        return new Read(batch, null);
    }

    /** Skips the rest of an array whose member starting at {@code token} is the first one not wanted. */
    private static void skipRest(final JsonParser parser, final JsonToken first) {
        JsonToken token = first;
        while (token != JsonToken.END_ARRAY) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
            token = parser.nextToken();
        }
    }

    private ObjectNode request(final JsonParser parser) throws IOException {
        final ObjectNode object = NODES.objectNode();
        charge(CONTAINER);
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            final String name = name(parser);
            final JsonToken token = parser.nextToken();
            final boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            if (name.equals("id") && number) {
                final String text = parser.getString();
                charge(SCALAR + text.length());
                object.set(name, NODES.pojoNode(new RawNumber(text)));
            } else {
                object.set(name, value(parser, token));
            }
        }
        return object;
    }

    private JsonNode value(final JsonParser parser, final JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                final ObjectNode object = NODES.objectNode();
                charge(CONTAINER);
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    final String name = name(parser);
                    object.set(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                final ArrayNode array = NODES.arrayNode();
                charge(CONTAINER);
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                final String text = checked(parser.getString(), "a string");
                charge(SCALAR + 2L * text.length());
                return NODES.stringNode(text);
            }
            case VALUE_NUMBER_INT -> {
                charge(SCALAR);
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                charge(SCALAR);
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new MalformedException("unexpected " + token);
        }
    }

    private String name(final JsonParser parser) throws IOException {
        final String name = checked(parser.currentName(), "a key");
        charge(ENTRY + 2L * name.length());
        return name;
    }

    private void charge(final long bytes) throws InFlightMemory.BusyException {
        charged += bytes;
        memory.tree(charged);
    }

    /** Refuses a string holding a surrogate that is not half of a pair. */
    private static String checked(final String text, final String what) throws MalformedException {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new MalformedException(
                        what + " holds a lone surrogate \\u" + Integer.toHexString(c) + " at character " + i);
            }
        }
        return text;
    }

    /**
     * Returns whether a node is a numeric id kept as received.
     *
     * @param node a node
     * @return the raw number, or null
     */
    static RawNumber rawNumber(final JsonNode node) {
        return node instanceof POJONode pojo && pojo.getPojo() instanceof RawNumber raw ? raw : null;
    }
}
