package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatCacheTest {

    private static void write(final Path file, final long usr) throws IOException {
        Files.writeString(file, "cpu  1 2 3 4 5 6 7\ncpu0 " + usr + " 0 20 0 0 30 0\nintr 1 2 3\n");
    }

    @Test
    void freshReadingsAreReusedStaleOnesRefreshInTheBackgroundAndOldOnesAreReadAtOnce(@TempDir final Path dir)
            throws IOException {
        final Path file = dir.resolve("stat");
        write(file, 100);
        final List<Runnable> refreshes = new ArrayList<>();
        final ProcStatCache cache = new ProcStatCache(file, refreshes::add);
        final long t0 = 1_000_000_000L;
        assertThat(cache.get(t0).usr()).as("no reading yet: read at once").containsEntry(0, 100L);
        write(file, 200);
        assertThat(cache.get(t0 + ProcStatCache.FRESH_NANOS - 1).usr()).as("fresh").containsEntry(0, 100L);
        assertThat(refreshes).isEmpty();
        assertThat(cache.get(t0 + ProcStatCache.FRESH_NANOS).usr()).as("stale but usable").containsEntry(0, 100L);
        assertThat(cache.get(t0 + ProcStatCache.FRESH_NANOS + 1).usr()).containsEntry(0, 100L);
        assertThat(refreshes).as("one refresh at a time").hasSize(1);
        // The refresh stamps its reading with the real clock, at or after this instant.
        final long beforeRefresh = System.nanoTime();
        refreshes.removeFirst().run();
        assertThat(cache.get(beforeRefresh).usr()).as("the refresh replaced it").containsEntry(0, 200L);
        write(file, 300);
        final long anHourLater = beforeRefresh + 3_600_000_000_000L;
        assertThat(cache.get(anHourLater).usr()).as("too old: read at once").containsEntry(0, 300L);
        assertThat(refreshes).isEmpty();
    }
}
