package dev.weft.workloads.process;

import dev.weft.process.TaskFunction;
import tools.jackson.databind.JsonNode;

/** The trivial task of the process benchmarks: returns its input unchanged. */
public final class EchoTask implements TaskFunction {

    /** Creates the task function. */
    public EchoTask() {}

    @Override
    public JsonNode apply(final JsonNode input) {
        return input;
    }
}
