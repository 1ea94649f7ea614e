package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.MemoryUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapCommitmentTest {

    private static final long MIB = 1L << 20;

    @Test
    void aHeapSizedAndTouchedUpFrontNeedsNoNote() {
        final MemoryUsage heap = new MemoryUsage(1024 * MIB, 100 * MIB, 1024 * MIB, 1024 * MIB);
        final List<String> args = List.of("-XX:+UseZGC", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        assertThat(HeapCommitment.describe(args, heap)).isEqualTo("1024 MiB, committed and touched at start");
        assertThat(HeapCommitment.note(args, heap)).isEmpty();
    }

    @Test
    void aGrowingHeapIsNamedWithTheFix() {
        final MemoryUsage growing = new MemoryUsage(384 * MIB, 100 * MIB, 384 * MIB, 6144 * MIB);
        assertThat(HeapCommitment.note(List.of("-XX:+AlwaysPreTouch"), growing))
                .hasValueSatisfying(note -> assertThat(note)
                        .contains("grown on demand (384 MiB at start, up to 6144 MiB)")
                        .contains("-Xms equal to -Xmx and -XX:+AlwaysPreTouch"));
    }

    @Test
    void aFullSizedHeapLeftUntouchedStillGetsTheNote() {
        final MemoryUsage untouched = new MemoryUsage(1024 * MIB, 100 * MIB, 1024 * MIB, 1024 * MIB);
        assertThat(HeapCommitment.note(List.of("-Xms1g", "-Xmx1g"), untouched)).isPresent();
        final MemoryUsage unlimited = new MemoryUsage(384 * MIB, 100 * MIB, 384 * MIB, -1);
        assertThat(HeapCommitment.describe(List.of(), unlimited))
                .isEqualTo("grown on demand (384 MiB at start, up to no set limit)");
    }
}
