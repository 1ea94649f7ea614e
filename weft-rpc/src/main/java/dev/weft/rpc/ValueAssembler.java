package dev.weft.rpc;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds JSON trees from the tokens of a non-blocking parser, one token at a time, so that a value split across any
 * number of socket reads is assembled without waiting for the rest on a thread.
 *
 * <p><b>Implementation overview.</b> A databind {@code readTree} needs every token of a value at once, which a
 * non-blocking parser cannot promise (it answers {@link JsonToken#NOT_AVAILABLE} when a read ends mid-value). So
 * the connection hands each token here as it comes: a container start pushes a new object or array onto a stack,
 * together with the property name it will be stored under in its parent (null inside an array or at the top); a
 * scalar is added to the innermost open container; a container end pops it and adds it to its parent. When the
 * stack empties a top-level value is complete and is returned. Nodes are those {@code readTree} builds for the same
 * text: integers as int, long or big-integer nodes by their size, other numbers as double nodes, and a repeated
 * property name keeps its last value. Nesting is bounded by the parser's own constraint, so the stack is too.
 * Single-threaded: it belongs to one connection.
 */
final class ValueAssembler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<JsonNode> open = new ArrayList<>();
    private final List<String> namesInParent = new ArrayList<>();
    private String name;

    /**
     * Takes the parser's current token.
     *
     * @param parser the parser, positioned on {@code token}
     * @param token its current token, neither null nor {@link JsonToken#NOT_AVAILABLE}
     * @return the top-level value this token completes, or null while it is incomplete
     */
    JsonNode add(final JsonParser parser, final JsonToken token) {
        return switch (token) {
            case START_OBJECT -> push(NODES.objectNode());
            case START_ARRAY -> push(NODES.arrayNode());
            case PROPERTY_NAME -> {
                name = parser.currentName();
                yield null;
            }
            case END_OBJECT, END_ARRAY -> {
                final int top = open.size() - 1;
                final JsonNode done = open.remove(top);
                name = namesInParent.remove(top);
                yield attach(done);
            }
            case VALUE_STRING -> attach(NODES.stringNode(parser.getString()));
            case VALUE_NUMBER_INT -> attach(switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            });
            case VALUE_NUMBER_FLOAT -> attach(NODES.numberNode(parser.getDoubleValue()));
            case VALUE_TRUE -> attach(NODES.booleanNode(true));
            case VALUE_FALSE -> attach(NODES.booleanNode(false));
            case VALUE_NULL -> attach(NODES.nullNode());
            default -> throw new IllegalArgumentException("token " + token + " is not part of a JSON text");
        };
    }

    /**
     * Returns whether a value has been started and not finished.
     *
     * @return true between a container's start and its end
     */
    boolean inValue() {
        return !open.isEmpty();
    }

    private JsonNode push(final JsonNode container) {
        open.add(container);
        namesInParent.add(name);
        name = null;
        return null;
    }

    private JsonNode attach(final JsonNode node) {
        if (open.isEmpty()) {
            return node;
        }
        final JsonNode parent = open.get(open.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set(name, node);
            name = null;
        } else {
            ((ArrayNode) parent).add(node);
        }
        return null;
    }
}
