package dev.weft.reactor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.junit.jupiter.api.Test;

class BuilderTaskletTest {

    private static BuilderTasklet aligned(final long interval, final long epoch) {
        return new BuilderTasklet("b", new SpscVarHandleArrayQueue<>(8), 10, interval, 4, epoch);
    }

    @Test
    void anAlignedStreamStartsAtTheFirstGridPointNotBeforeItJoins() {
        final BuilderTasklet builder = aligned(300, 1_000);
        assertThat(builder.firstDeadline(1_000)).isEqualTo(1_000);
        assertThat(builder.firstDeadline(1_001)).isEqualTo(1_300);
        assertThat(builder.firstDeadline(1_299)).isEqualTo(1_300);
        assertThat(builder.firstDeadline(999)).isEqualTo(1_000);
        assertThat(builder.firstDeadline(401)).isEqualTo(700);
        assertThat(builder.firstDeadline(-1_000)).isEqualTo(-800);
    }

    @Test
    void theGridHoldsAcrossTheSignOfTheClock() {
        final long epoch = Long.MIN_VALUE + 1_000;
        final long now = Long.MAX_VALUE - 500;
        final long first = aligned(300, epoch).firstDeadline(now);
        assertThat(first - now)
                .as("1,500 ns before the epoch, which is 5 intervals")
                .isEqualTo(1);
        assertThat(epoch - first).isEqualTo(1_500);
    }

    @Test
    void aFreeRunningStreamStartsWhenItJoins() {
        final BuilderTasklet builder = new BuilderTasklet("b", new SpscVarHandleArrayQueue<>(8), 10, 300, 4);
        assertThat(builder.firstDeadline(1_001)).isEqualTo(1_001);
        assertThat(aligned(0, 1_000).firstDeadline(1_001)).isEqualTo(1_001);
    }

    @Test
    void itemsFollowTheGridFromTheFirstDeadline() {
        final SpscVarHandleArrayQueue<PacedItem> ring = new SpscVarHandleArrayQueue<>(8);
        final long epoch = System.nanoTime() - 1_000_000;
        final BuilderTasklet builder = new BuilderTasklet("b", ring, 3, 250, 4, epoch);
        final long before = System.nanoTime();
        builder.start();
        assertThat(builder.poll()).isEqualTo(3);
        final long first = ring.relaxedPoll().deadlineNanos();
        assertThat(ring.relaxedPoll().deadlineNanos()).isEqualTo(first + 250);
        assertThat(ring.relaxedPoll().deadlineNanos()).isEqualTo(first + 500);
        assertThat(first).isGreaterThanOrEqualTo(before);
        assertThat((first - epoch) % 250).isZero();
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> new BuilderTasklet("video", new SpscVarHandleArrayQueue<>(8), 10, -1, 4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("builder 'video'");
    }
}
