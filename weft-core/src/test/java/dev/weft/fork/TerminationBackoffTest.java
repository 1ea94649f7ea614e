package dev.weft.fork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GTS's adaptive termination backoff: it always quits eventually, and its threshold follows past idle periods. */
class TerminationBackoffTest {

    private static int triesUntilQuit(final TerminationBackoff backoff) {
        int tries = 1;
        while (!backoff.tryToQuit()) {
            tries++;
        }
        return tries;
    }

    @Test
    void aFreshBackoffQuitsAfterTwoTriesAtMost() {
        final TerminationBackoff backoff = new TerminationBackoff();
        assertThat(triesUntilQuit(backoff)).isBetween(1, 2);
        assertThat(backoff.quitThreshold()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theThresholdIsAMovingAverageOfQuitCountsAndNeverBelowOne() {
        final TerminationBackoff backoff = new TerminationBackoff();
        for (int round = 0; round < 20; round++) {
            final int tries = triesUntilQuit(backoff);
            assertThat(tries).isLessThanOrEqualTo(2 * Math.max(1, backoff.quitThreshold()) + 2);
            assertThat(backoff.quitThreshold()).isGreaterThanOrEqualTo(1);
        }
        backoff.observeSleep(1);
        backoff.reset();
        assertThat(triesUntilQuit(backoff)).isPositive();
    }
}
