package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatFileTest {

    @Test
    void eachReadingReadsTheFileAgainFromItsStart(@TempDir final Path dir) throws IOException {
        final Path path = dir.resolve("stat");
        Files.writeString(path, "cpu  1 2 3 4 5 6 7\ncpu0 100 0 20 0 0 30 0\nintr 1 2 3\n");
        final ProcStatFile file = new ProcStatFile(path);
        assertThat(file.get().usr()).containsOnlyKeys(0).containsEntry(0, 100L);
        Files.writeString(path, "cpu  1 2 3 4 5 6 7\ncpu0 101 0 21 0 0 31 0\nintr 1 2 3\n");
        final ProcStat again = file.get();
        assertThat(again.usr()).containsEntry(0, 101L);
        assertThat(again.sys()).containsEntry(0, 21L);
        assertThat(again.irq()).containsEntry(0, 31L);
    }

    @Test
    void aFileLargerThanTheBufferIsReadWhole(@TempDir final Path dir) throws IOException {
        final StringBuilder text = new StringBuilder("cpu  1 2 3 4 5 6 7\n");
        for (int cpu = 0; cpu < 1000; cpu++) {
            text.append("cpu").append(cpu).append(' ').append(1000 + cpu).append(" 0 0 0 0 0 0 0 0 0\n");
        }
        assertThat(text.length()).isGreaterThan(3 * 8192);
        final Path path = dir.resolve("stat");
        Files.writeString(path, text);
        final ProcStat stat = new ProcStatFile(path).get();
        assertThat(stat.usr()).hasSize(1000).containsEntry(999, 1999L);
    }

    @Test
    void anAbsentFileGivesEmptyCountersAndIsOpenedOnceItExists(@TempDir final Path dir) throws IOException {
        final Path path = dir.resolve("stat");
        final ProcStatFile file = new ProcStatFile(path);
        assertThat(file.get().usr()).isEmpty();
        Files.writeString(path, "cpu  1 2 3 4 5 6 7\ncpu2 7 0 8 0 0 9 0\n");
        assertThat(file.get().usr()).containsEntry(2, 7L);
    }

    @Test
    void linuxProcStatHasACounterForEveryOnlineCpuWhereItExists() {
        final Path proc = ProcStat.PROC_STAT;
        final ProcStat stat = new ProcStatFile(proc).get();
        if (Files.isReadable(proc)) {
            assertThat(stat.usr()).isNotEmpty().containsKey(0);
        } else {
            assertThat(stat.usr()).isEmpty();
        }
    }
}
