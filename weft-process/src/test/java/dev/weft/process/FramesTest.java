package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire framing: round trips, clean end of stream, and every kind of garbage caught as a protocol violation. */
class FramesTest {

    private static DataInputStream in(final byte[] bytes) {
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    @Test
    void framesRoundTripAndACleanEndIsNull() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        Frames.write(out, "[]".getBytes(StandardCharsets.UTF_8));
        final DataInputStream stream = in(out.toByteArray());
        assertThat(new String(Frames.read(stream), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(Frames.read(stream), StandardCharsets.UTF_8)).isEqualTo("[]");
        assertThat(Frames.read(stream)).isNull();
    }

    @Test
    void textWhereALengthShouldBeIsAViolation() {
        assertThatThrownBy(() -> Frames.read(in("hello world\n".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(Frames.ProtocolException.class)
                .hasMessageContaining("0x68656c6c");
    }

    @Test
    void zeroAndNegativeLengthsAreViolations() {
        assertThatThrownBy(() -> Frames.read(in(new byte[] {0, 0, 0, 0}))).isInstanceOf(Frames.ProtocolException.class);
        assertThatThrownBy(() -> Frames.read(in(new byte[] {(byte) 0xff, 0, 0, 1})))
                .isInstanceOf(Frames.ProtocolException.class);
    }

    @Test
    void aStreamThatEndsInsideAFrameIsAViolation() {
        assertThatThrownBy(() -> Frames.read(in(new byte[] {0, 0})))
                .isInstanceOf(Frames.ProtocolException.class)
                .hasMessageContaining("length prefix");
        assertThatThrownBy(() -> Frames.read(in(new byte[] {0, 0, 0, 5, '{', '}'})))
                .isInstanceOf(Frames.ProtocolException.class)
                .hasMessageContaining("2 of a frame's 5 bytes");
    }

    @Test
    void emptyAndOversizedBodiesAreNotWritten() {
        assertThatThrownBy(() -> Frames.write(new ByteArrayOutputStream(), new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> Frames.write(new ByteArrayOutputStream(), new byte[Frames.MAX_FRAME + 1]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("outside");
    }
}
