package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class SchedulingPolicyTest {

    @Test
    void everyFormRoundTripsThroughItsText() {
        for (final SchedulingPolicy policy : new SchedulingPolicy[] {
            SchedulingPolicy.fair(),
            SchedulingPolicy.fair(Duration.of(300, ChronoUnit.MICROS)),
            SchedulingPolicy.fifo(10),
            SchedulingPolicy.roundRobin(99)
        }) {
            assertThat(SchedulingPolicy.parse(policy.toString())).isEqualTo(policy);
        }
        assertThat(SchedulingPolicy.fifo(10)).hasToString("fifo/10");
        assertThat(SchedulingPolicy.fair(Duration.of(300, ChronoUnit.MICROS))).hasToString("fair/300");
    }

    @Test
    void eachClassReportsItsKernelNumberAndParameter() {
        assertThat(SchedulingPolicy.fair().kind().linuxPolicy()).isZero();
        assertThat(SchedulingPolicy.fifo(5).kind().linuxPolicy()).isEqualTo(1);
        assertThat(SchedulingPolicy.roundRobin(5).kind().linuxPolicy()).isEqualTo(2);
        assertThat(SchedulingPolicy.fifo(5).isRealtime()).isTrue();
        assertThat(SchedulingPolicy.fifo(5).priority()).isEqualTo(5);
        assertThat(SchedulingPolicy.fair(Duration.ofMillis(1)).isRealtime()).isFalse();
        assertThat(SchedulingPolicy.fair(Duration.ofMillis(1)).sliceNanos()).isEqualTo(1_000_000);
        assertThat(SchedulingPolicy.fair().sliceNanos()).isZero();
    }

    @Test
    void theKernelsAnswerMapsBackToAPolicy() {
        assertThat(SchedulingPolicy.ofLinux(0, 0, 0)).isEqualTo(SchedulingPolicy.fair());
        assertThat(SchedulingPolicy.ofLinux(0, 0, 200_000))
                .isEqualTo(SchedulingPolicy.fair(Duration.of(200, ChronoUnit.MICROS)));
        assertThat(SchedulingPolicy.ofLinux(1, 20, 0)).isEqualTo(SchedulingPolicy.fifo(20));
        assertThat(SchedulingPolicy.ofLinux(2, 3, 0)).isEqualTo(SchedulingPolicy.roundRobin(3));
        assertThatThrownBy(() -> SchedulingPolicy.ofLinux(6, 0, 0))
                .hasMessageContaining("Linux scheduling policy 6 is none of");
    }

    @Test
    void badValuesAreRejectedByName() {
        assertThatThrownBy(() -> SchedulingPolicy.fifo(0))
                .hasMessageContaining("real-time priority 0 is outside 1..99");
        assertThatThrownBy(() -> SchedulingPolicy.roundRobin(100))
                .hasMessageContaining("real-time priority 100 is outside 1..99");
        assertThatThrownBy(() -> SchedulingPolicy.fair(Duration.of(50, ChronoUnit.MICROS)))
                .hasMessageContaining("fair slice 50000 ns is outside the kernel's 100000..100000000 ns");
        assertThatThrownBy(() -> SchedulingPolicy.parse("deadline/5"))
                .hasMessageContaining("scheduling policy 'deadline/5' is none of fair");
        assertThatThrownBy(() -> SchedulingPolicy.parse("fifo/x"))
                .hasMessageContaining("scheduling policy 'fifo/x' has no whole number after '/'");
        assertThatThrownBy(() -> SchedulingPolicy.parse("fifo/0")).hasMessageContaining("real-time priority 0");
        assertThatThrownBy(() -> SchedulingPolicy.parse("batch"))
                .hasMessageContaining("scheduling policy 'batch' is none of");
    }
}
