package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SleepRuleTest {

    private static final long MTL = SleepRule.DEFAULT_SLEEP_NANOS;

    @Test
    void noAdviceSleepsTheDefaultMillisecond() {
        assertThat(SleepRule.sleepNanos(0, MTL, SleepRule.NO_ADVICE)).isEqualTo(1_000_000L);
        assertThat(SleepRule.sleepNanos(0, MTL, 0)).isEqualTo(1_000_000L);
    }

    @Test
    void adviceIsCappedAtOneMillisecond() {
        assertThat(SleepRule.sleepNanos(0, MTL, 5_000_000L)).isEqualTo(1_000_000L);
        assertThat(SleepRule.sleepNanos(0, MTL, 400_000L)).isEqualTo(400_000L);
    }

    @Test
    void forcedSleepWinsOverAdviceAndCap() {
        assertThat(SleepRule.sleepNanos(3_000_000L, MTL, 400_000L)).isEqualTo(3_000_000L);
        assertThat(SleepRule.sleepNanos(50_000L, MTL, SleepRule.NO_ADVICE)).isEqualTo(50_000L);
    }

    @Test
    void sleepsUnder200MicrosecondsOnlyYield() {
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(0, MTL, 199_999L)))
                .isTrue();
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(0, MTL, 200_000L)))
                .isFalse();
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(100_000L, MTL, SleepRule.NO_ADVICE)))
                .isTrue();
    }

    @Test
    void aLongerDefaultSleepLetsAdviceThroughAndCapsItThere() {
        assertThat(SleepRule.sleepNanos(0, 20_000_000L, 5_000_000L)).isEqualTo(5_000_000L);
        assertThat(SleepRule.sleepNanos(0, 20_000_000L, 50_000_000L)).isEqualTo(20_000_000L);
        assertThat(SleepRule.sleepNanos(0, 20_000_000L, SleepRule.NO_ADVICE)).isEqualTo(20_000_000L);
        assertThat(SleepRule.sleepNanos(3_000_000L, 20_000_000L, 5_000_000L)).isEqualTo(3_000_000L);
    }

    @Test
    void negativeValuesAreRejectedByName() {
        assertThatThrownBy(() -> SleepRule.sleepNanos(-1, MTL, 0)).hasMessageContaining("forced sleep");
        assertThatThrownBy(() -> SleepRule.sleepNanos(0, MTL, -1)).hasMessageContaining("advice");
        assertThatThrownBy(() -> SleepRule.sleepNanos(0, 0, 0)).hasMessageContaining("default sleep");
    }
}
