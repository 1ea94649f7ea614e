package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProcStatCacheTest {

    private static final long T0 = 1_000_000_000L;

    private static ProcStat usr(final long usr) {
        return new ProcStat(Map.of(0, usr), Map.of(0, 0L), Map.of(0, 0L));
    }

    @Test
    void freshReadingsAreReusedStaleOnesAreReadByTheirFirstCallerAndOldOnesAtOnce() {
        final AtomicLong counter = new AtomicLong(100);
        final AtomicInteger reads = new AtomicInteger();
        final ProcStatCache cache = new ProcStatCache(() -> {
            reads.incrementAndGet();
            return usr(counter.get());
        });
        assertThat(cache.get(T0).usr()).as("no reading yet: read at once").containsEntry(0, 100L);
        counter.set(200);
        assertThat(cache.get(T0 + ProcStatCache.FRESH_NANOS - 1).usr())
                .as("fresh")
                .containsEntry(0, 100L);
        assertThat(reads).hasValue(1);
        final long stale = T0 + ProcStatCache.FRESH_NANOS;
        assertThat(cache.get(stale).usr()).as("stale: its caller reads").containsEntry(0, 200L);
        assertThat(reads).hasValue(2);
        counter.set(300);
        assertThat(cache.get(stale + ProcStatCache.FRESH_NANOS - 1).usr())
                .as("the read restarted the age")
                .containsEntry(0, 200L);
        final long anHourLater = stale + 3_600_000_000_000L;
        assertThat(cache.get(anHourLater).usr()).as("too old: read at once").containsEntry(0, 300L);
        assertThat(reads).hasValue(3);
    }

    @Test
    void whileOneCallerRefreshesAStaleReadingOthersAreServedItAndAnOldOneIsReadRegardless() throws Exception {
        final AtomicLong counter = new AtomicLong(100);
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger blockOnRead = new AtomicInteger(2);
        final ProcStatCache cache = new ProcStatCache(() -> {
            reads.incrementAndGet();
            final long value = counter.get();
            if (blockOnRead.decrementAndGet() == 0) {
                reading.countDown();
                try {
                    assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return usr(value);
        });
        cache.get(T0);
        counter.set(200);
        final long stale = T0 + ProcStatCache.FRESH_NANOS + 1;
        final CompletableFuture<ProcStat> refresher = CompletableFuture.supplyAsync(() -> cache.get(stale));
        assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.get(stale).usr())
                .as("served the usable reading during the refresh")
                .containsEntry(0, 100L);
        assertThat(reads).as("one refresh at a time").hasValue(2);
        counter.set(300);
        assertThat(cache.get(T0 + ProcStatCache.USABLE_NANOS).usr())
                .as("too old: read even during a refresh")
                .containsEntry(0, 300L);
        assertThat(reads).hasValue(3);
        release.countDown();
        assertThat(refresher.get(60, TimeUnit.SECONDS).usr())
                .as("the refresher gets its own read")
                .containsEntry(0, 200L);
        assertThat(cache.get(T0 + ProcStatCache.USABLE_NANOS + 1).usr())
                .as("the later reading stays")
                .containsEntry(0, 300L);
        assertThat(reads).hasValue(3);
    }
}
