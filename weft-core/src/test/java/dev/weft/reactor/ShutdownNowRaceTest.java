package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A task that starts at the moment of {@code shutdownNow()} is either returned or interrupted, never neither. The
 * suite runs a few hundred tries; {@code -Dweft.race.tries=100000} runs the long stress by hand.
 */
class ShutdownNowRaceTest {

    private static final int TRIES = Integer.getInteger("weft.race.tries", 1_000);

    @Test
    void aTaskStartingDuringShutdownNowIsReturnedOrInterrupted() throws Exception {
        int returned = 0;
        int interrupted = 0;
        int neither = 0;
        for (int i = 0; i < TRIES; i++) {
            final ReactorExecutorService executor = new ReactorExecutorService(1);
            final AtomicBoolean shutdownReturned = new AtomicBoolean();
            final AtomicInteger outcome = new AtomicInteger();
            executor.execute(() -> {
                while (!shutdownReturned.get()) {
                    Thread.onSpinWait();
                }
                outcome.set(Thread.currentThread().isInterrupted() ? 1 : 2);
            });
            final long jitter = ThreadLocalRandom.current().nextLong(60_000);
            final long start = System.nanoTime();
            while (System.nanoTime() - start < jitter) {
                Thread.onSpinWait();
            }
            final List<Runnable> never = executor.shutdownNow();
            shutdownReturned.set(true);
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            if (!never.isEmpty()) {
                returned++;
            } else if (outcome.get() == 1) {
                interrupted++;
            } else {
                neither++;
            }
        }
        System.getLogger(ShutdownNowRaceTest.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "shutdownNow race: {0} tries, {1} returned, {2} interrupted, {3} neither",
                        TRIES,
                        returned,
                        interrupted,
                        neither);
        assertThat(neither)
                .as(
                        "tasks neither returned nor interrupted in %d tries (%d returned, %d interrupted)",
                        TRIES, returned, interrupted)
                .isZero();
    }
}
