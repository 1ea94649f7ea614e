package dev.weft.reactor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;
import org.junit.jupiter.api.Test;

/** Drives a transmitter with a clock of its own: the spin before a deadline, and what a broken spin teaches it. */
class TransmitterSpinTest {

    private static final long DEADLINE = 50_000_000L;

    private final long[] now = {0};
    private final List<PacedItem> sent = new ArrayList<>();
    private final SpscVarHandleArrayQueue<PacedItem> ring = new SpscVarHandleArrayQueue<>(8);
    private final TransmitterTasklet transmitter = new TransmitterTasklet("tx", ring, sent::add, 4, () -> now[0]);

    private int pollAt(final long nanos) {
        now[0] = nanos;
        return transmitter.poll();
    }

    /** Spins from 150 µs before the deadline with a poll every 2 µs, except for one gap; returns the polls' results. */
    private List<Integer> spinTo(final long gapStart, final long gapEnd, final long lastBefore, final long crossing) {
        final List<Integer> results = new ArrayList<>();
        long t = DEADLINE - 150_000;
        while (t <= lastBefore) {
            results.add(pollAt(t));
            t = t == gapStart ? gapEnd : t + 2_000;
        }
        results.add(pollAt(crossing));
        return results;
    }

    @Test
    void aFarDeadlineAdvisesASleepThatEndsOneLeadBeforeIt() {
        ring.offer(new PacedItem(0, DEADLINE));
        assertThat(pollAt(DEADLINE - 1_000_000)).isZero();
        assertThat(transmitter.adviceSleepMicros()).isEqualTo(800);
        assertThat(sent).isEmpty();
    }

    @Test
    void anUnbrokenSpinSendsAtTheDeadlineAndKeepsTheLead() {
        ring.offer(new PacedItem(0, DEADLINE));
        final List<Integer> results = spinTo(-1, -1, DEADLINE - 2_000, DEADLINE);
        assertThat(results.subList(0, results.size() - 1)).containsOnly(1);
        assertThat(sent).extracting(PacedItem::sequence).containsExactly(0L);
        assertThat(transmitter.leadNanos()).isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS);
    }

    @Test
    void aSpinBrokenBeforeItsDeadlineLowersTheLead() {
        ring.offer(new PacedItem(0, DEADLINE));
        spinTo(DEADLINE - 100_000, DEADLINE - 40_000, DEADLINE - 2_000, DEADLINE + 1_000);
        assertThat(sent).hasSize(1);
        assertThat(transmitter.leadNanos())
                .isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS - TransmitterTasklet.STEP_UP_NANOS);
    }

    @Test
    void aSpinBrokenAcrossItsDeadlineLowersTheLead() {
        ring.offer(new PacedItem(0, DEADLINE));
        spinTo(-1, -1, DEADLINE - 30_000, DEADLINE + 500_000);
        assertThat(transmitter.leadNanos())
                .isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS - TransmitterTasklet.STEP_UP_NANOS);
    }

    @Test
    void otherSessionsSendingAfterTheDeadlineDoNotBreakTheSpin() {
        ring.offer(new PacedItem(0, DEADLINE));
        spinTo(-1, -1, DEADLINE - 1_000, DEADLINE + 150_000);
        assertThat(sent).hasSize(1);
        assertThat(transmitter.leadNanos()).isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS);
    }

    @Test
    void brokenSpinsSinkTheLeadToItsLeastAndTheReactorThenParksToTheDeadline() {
        for (int k = 0; k < 12; k++) {
            final long deadline = DEADLINE + k * 4_000_000L;
            ring.offer(new PacedItem(k, deadline));
            final long lead = transmitter.leadNanos();
            assertThat(pollAt(deadline - lead + 500))
                    .as("deadline %d: spins inside the lead", k)
                    .isEqualTo(1);
            assertThat(pollAt(deadline + 300_000))
                    .as("deadline %d: sends after a broken spin", k)
                    .isEqualTo(1);
        }
        assertThat(sent).hasSize(12);
        assertThat(transmitter.leadNanos()).isEqualTo(TransmitterTasklet.MIN_LEAD_NANOS);
        ring.offer(new PacedItem(12, DEADLINE + 48_000_000L));
        assertThat(pollAt(DEADLINE + 48_000_000L - 100_000)).isZero();
        assertThat(transmitter.adviceSleepMicros()).isEqualTo(80);
    }

    @Test
    void theStepDownIsBoundedByTheLeastLead() {
        assertThat(TransmitterTasklet.afterSpin(TransmitterTasklet.MIN_LEAD_NANOS + 5_000, 1_000_000))
                .isEqualTo(TransmitterTasklet.MIN_LEAD_NANOS);
        assertThat(TransmitterTasklet.afterSpin(100_000, TransmitterTasklet.BROKEN_SPIN_NANOS))
                .isEqualTo(100_000);
        assertThat(TransmitterTasklet.afterSpin(100_000, TransmitterTasklet.BROKEN_SPIN_NANOS + 1))
                .isEqualTo(100_000 - TransmitterTasklet.STEP_UP_NANOS);
    }
}
