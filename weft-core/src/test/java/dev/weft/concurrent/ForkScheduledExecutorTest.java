package dev.weft.concurrent;

import dev.weft.fork.ForkExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The retargeted TCK cases on {@link ForkExecutorService}. */
class ForkScheduledExecutorTest extends ScheduledExecutorContract {

    @Override
    protected ScheduledExecutorService newExecutor(final int threads) {
        return new ForkExecutorService(threads);
    }

    @Override
    protected void setPolicy(final ScheduledExecutorService executor, final DelayedTaskPolicy policy) {
        ((ForkExecutorService) executor).delayedTaskPolicy(policy);
    }
}
