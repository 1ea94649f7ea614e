package dev.weft.reactor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransmitterLeadTest {

    @Test
    void aLateWakeUpRaisesTheLeadAndAnEarlyOneLowersIt() {
        assertThat(TransmitterTasklet.nextLead(100_000, 150_000)).isEqualTo(100_000 + TransmitterTasklet.STEP_UP_NANOS);
        assertThat(TransmitterTasklet.nextLead(100_000, 100_000))
                .isEqualTo(100_000 - TransmitterTasklet.STEP_DOWN_NANOS);
        assertThat(TransmitterTasklet.nextLead(100_000, 0)).isEqualTo(100_000 - TransmitterTasklet.STEP_DOWN_NANOS);
    }

    @Test
    void theLeadStaysBetweenItsBounds() {
        assertThat(TransmitterTasklet.nextLead(TransmitterTasklet.MAX_LEAD_NANOS, 5_000_000))
                .isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS);
        assertThat(TransmitterTasklet.nextLead(TransmitterTasklet.MIN_LEAD_NANOS, 0))
                .isEqualTo(TransmitterTasklet.MIN_LEAD_NANOS);
    }

    @Test
    void theLeadSettlesNearThe95thPercentileOfTheLateness() {
        long lead = TransmitterTasklet.MAX_LEAD_NANOS;
        long lowest = Long.MAX_VALUE;
        long highest = 0;
        for (int step = 0; step < 20_000; step++) {
            final long late = (step * 37L % 100) * 1_000L;
            lead = TransmitterTasklet.nextLead(lead, late);
            if (step >= 10_000) {
                lowest = Math.min(lowest, lead);
                highest = Math.max(highest, lead);
            }
        }
        assertThat(lowest)
                .as("lateness uniform over 0..99 µs: its 95th percentile is 95 µs")
                .isGreaterThanOrEqualTo(70_000);
        assertThat(highest).isLessThanOrEqualTo(120_000);
    }

    @Test
    void lateWakeUpsThatNoSpinCouldCoverKeepMtlsLead() {
        long lead = TransmitterTasklet.MIN_LEAD_NANOS;
        for (int step = 0; step < 1_000; step++) {
            lead = TransmitterTasklet.nextLead(lead, step % 10 == 0 ? 0 : 3_000_000);
        }
        assertThat(lead).isEqualTo(TransmitterTasklet.MAX_LEAD_NANOS);
    }

    @Test
    void aDeadlineWithinTheLeadKeepsTheReactorAwake() {
        assertThat(TransmitterTasklet.sleepMicros(150_000, 200_000)).isEqualTo(TransmitterTasklet.STAY_AWAKE);
        assertThat(TransmitterTasklet.sleepMicros(1, 20_000)).isEqualTo(TransmitterTasklet.STAY_AWAKE);
    }

    @Test
    void lessThanAMicrosecondPastTheLeadStaysAwakeRatherThanAdvisingNothing() {
        assertThat(TransmitterTasklet.sleepMicros(200_000, 200_000)).isEqualTo(TransmitterTasklet.STAY_AWAKE);
        assertThat(TransmitterTasklet.sleepMicros(200_999, 200_000)).isEqualTo(TransmitterTasklet.STAY_AWAKE);
        assertThat(TransmitterTasklet.sleepMicros(201_000, 200_000)).isEqualTo(1);
    }

    @Test
    void theAdviceEndsAtTheLeadRoundedDownToAMicrosecond() {
        assertThat(TransmitterTasklet.sleepMicros(3_800_000, 200_000)).isEqualTo(3_600);
        assertThat(TransmitterTasklet.sleepMicros(3_800_999, 200_000)).isEqualTo(3_600);
        assertThat(TransmitterTasklet.sleepMicros(4_000_000, 20_000)).isEqualTo(3_980);
    }
}
