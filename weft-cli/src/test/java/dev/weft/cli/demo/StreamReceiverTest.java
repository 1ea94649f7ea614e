package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamReceiverTest {

    private static ByteBuffer packet(final int stream, final long sequence, final long scheduled) {
        final ByteBuffer buffer = ByteBuffer.allocate(64);
        Packet.write(buffer, 64, stream, sequence, scheduled, scheduled + 500);
        return buffer;
    }

    @Test
    void countsArrivalsReorderingAndPacingError() {
        final StreamReceiver receiver = new StreamReceiver(7, 0);
        receiver.accept(packet(7, 0, 1_000), 3_000);
        receiver.accept(packet(7, 2, 2_000), 12_000);
        receiver.accept(packet(7, 1, 1_500), 13_000);
        receiver.accept(packet(8, 3, 0), 13_000);
        assertThat(receiver.received()).isEqualTo(3);
        assertThat(receiver.reordered()).isEqualTo(1);
        assertThat(receiver.foreign()).isEqualTo(1);
        assertThat(receiver.errors().getMaxValue()).isBetween(11_490L, 11_510L);
        assertThat(receiver.errors().getMinValue()).isBetween(1_998L, 2_002L);
        assertThat(receiver.lateness().getMaxValue()).isBetween(499L, 501L);
        assertThat(receiver.lateness().getTotalCount()).isEqualTo(3);
        assertThat(receiver.transit().getMinValue())
                .as("sent 1,500, read 3,000")
                .isBetween(1_499L, 1_501L);
        assertThat(receiver.transit().getMaxValue())
                .as("sent 2,000, read 13,000")
                .isBetween(10_990L, 11_010L);
        assertThat(receiver.transit().getTotalCount()).isEqualTo(3);
    }

    @Test
    void figuresCountTheUnreceivedAsLost() {
        final StreamReceiver receiver = new StreamReceiver(1, 0);
        receiver.accept(packet(1, 0, 0), 1_000);
        receiver.accept(packet(1, 1, 0), 2_000);
        final MediaFigures figures = MediaFigures.of("test", java.util.List.of(receiver), 5, 4_000_000, 2);
        assertThat(figures.received()).isEqualTo(2);
        assertThat(figures.lost()).isEqualTo(3);
        assertThat(figures.cpuMillisPerSession()).isEqualTo(2.0);
        assertThat(figures.transitP50Micros()).as("sent 500, read 1,000").isEqualTo(0.5, within(0.001));
        assertThat(figures.transitP99Micros()).as("sent 500, read 2,000").isEqualTo(1.5, within(0.002));
    }

    @Test
    void packetsScheduledInTheWarmUpAreCountedButNotTimed() {
        final StreamReceiver receiver = new StreamReceiver(3, 10_000);
        receiver.accept(packet(3, 0, 9_999), 60_000);
        receiver.accept(packet(3, 1, 10_000), 12_000);
        receiver.accept(packet(3, 2, 14_000), 15_000);
        assertThat(receiver.received()).isEqualTo(3);
        assertThat(receiver.errors().getTotalCount()).isEqualTo(2);
        assertThat(receiver.errors().getMaxValue())
                .as("the warm-up packet's 50 us error is left out")
                .isBetween(1_998L, 2_002L);
        assertThat(receiver.lateness().getTotalCount()).isEqualTo(2);
        assertThat(receiver.transit().getTotalCount()).isEqualTo(2);
        final MediaFigures figures = MediaFigures.of("test", java.util.List.of(receiver), 3, 1, 1);
        assertThat(figures.timed()).isEqualTo(2);
        assertThat(figures.received()).isEqualTo(3);
    }

    @Test
    void aShortDatagramIsNotAPacket() {
        final StreamReceiver receiver = new StreamReceiver(1, 0);
        receiver.accept(ByteBuffer.allocate(4), 10);
        assertThat(receiver.received()).isZero();
        assertThat(receiver.foreign()).isEqualTo(1);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> DemoConfig.standard(0, 8)).hasMessageContaining("--seconds 0");
        assertThatThrownBy(() -> DemoConfig.standard(5, 65)).hasMessageContaining("--sessions 65");
        assertThat(DemoConfig.standard(20, 8).warmUp()).hasSeconds(2);
        assertThat(DemoConfig.standard(60, 8).warmUp()).as("at most 2 s").hasSeconds(2);
        assertThat(DemoConfig.standard(3, 8).warmUp())
                .as("a tenth of a short run")
                .hasMillis(300);
        assertThat(DemoConfig.standard(20, 8).reactorScheduling()).isEqualTo(DemoConfig.DEFAULT_REACTOR_SCHEDULING);
        assertThatThrownBy(() -> new MediaProfile(0, 1_200, 1.0)).hasMessageContaining("packets per second 0");
        assertThatThrownBy(() -> new MediaProfile(100, 8, 1.0)).hasMessageContaining("payload 8 bytes");
    }
}
