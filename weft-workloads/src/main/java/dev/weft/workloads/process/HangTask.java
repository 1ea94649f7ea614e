package dev.weft.workloads.process;

import dev.weft.process.TaskFunction;
import java.util.concurrent.CountDownLatch;
import tools.jackson.databind.JsonNode;

/** A task that never returns, for measuring how late past its deadline the scheduler kills it. */
public final class HangTask implements TaskFunction {

    /** Creates the task function. */
    public HangTask() {}

    @Override
    public JsonNode apply(final JsonNode input) throws InterruptedException {
        new CountDownLatch(1).await();
        throw new IllegalStateException("unreachable: the latch is never counted down");
    }
}
