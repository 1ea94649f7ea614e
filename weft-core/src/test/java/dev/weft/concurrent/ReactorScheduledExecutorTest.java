package dev.weft.concurrent;

import dev.weft.reactor.ReactorExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The retargeted TCK cases on {@link ReactorExecutorService}: one reactor per thread, timers on its strands. */
class ReactorScheduledExecutorTest extends ScheduledExecutorContract {

    @Override
    protected ScheduledExecutorService newExecutor(final int threads) {
        return new ReactorExecutorService(threads);
    }

    @Override
    protected void setPolicy(final ScheduledExecutorService executor, final DelayedTaskPolicy policy) {
        ((ReactorExecutorService) executor).delayedTaskPolicy(policy);
    }
}
