package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SleepRuleTest {

    @Test
    void noAdviceSleepsTheDefaultMillisecond() {
        assertThat(SleepRule.sleepNanos(0, SleepRule.NO_ADVICE)).isEqualTo(1_000_000L);
        assertThat(SleepRule.sleepNanos(0, 0)).isEqualTo(1_000_000L);
    }

    @Test
    void adviceIsCappedAtOneMillisecond() {
        assertThat(SleepRule.sleepNanos(0, 5_000_000L)).isEqualTo(1_000_000L);
        assertThat(SleepRule.sleepNanos(0, 400_000L)).isEqualTo(400_000L);
    }

    @Test
    void forcedSleepWinsOverAdviceAndCap() {
        assertThat(SleepRule.sleepNanos(3_000_000L, 400_000L)).isEqualTo(3_000_000L);
        assertThat(SleepRule.sleepNanos(50_000L, SleepRule.NO_ADVICE)).isEqualTo(50_000L);
    }

    @Test
    void sleepsUnder200MicrosecondsOnlyYield() {
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(0, 199_999L))).isTrue();
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(0, 200_000L))).isFalse();
        assertThat(SleepRule.yieldsInstead(SleepRule.sleepNanos(100_000L, SleepRule.NO_ADVICE))).isTrue();
    }

    @Test
    void negativeValuesAreRejectedByName() {
        assertThatThrownBy(() -> SleepRule.sleepNanos(-1, 0)).hasMessageContaining("forced sleep");
        assertThatThrownBy(() -> SleepRule.sleepNanos(0, -1)).hasMessageContaining("advice");
    }
}
