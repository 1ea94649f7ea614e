package dev.weft.rpc.methods;

import dev.weft.process.TaskFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

/** A process-task function for the tests: doubles an integer, fails on anything else. */
public final class Doubler implements TaskFunction {

    /** Creates the function; the scheduler calls this. */
    public Doubler() {}

    @Override
    public JsonNode apply(final JsonNode input) {
        if (!input.isInt()) {
            throw new IllegalArgumentException("not an int: " + input);
        }
        return IntNode.valueOf(input.asInt() * 2);
    }
}
