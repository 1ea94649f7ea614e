package dev.weft.process;

import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A task function for inline-mode tests that "takes" {@code input.ms} milliseconds by advancing the fake clock
 * {@link #NOW}, which the test gives the scheduler: an overrun that needs no real time.
 */
public final class ClockFunction implements TaskFunction {

    /** The fake clock, in nanoseconds. */
    static final AtomicLong NOW = new AtomicLong();

    /** Creates the function. */
    public ClockFunction() {}

    @Override
    public JsonNode apply(final JsonNode input) {
        NOW.addAndGet(input.path("ms").asLong(0) * 1_000_000L);
        return JsonNodeFactory.instance.objectNode().put("done", true);
    }
}
