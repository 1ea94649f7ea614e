package dev.weft.reactor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacedPipelineTest {

    @Test
    void everyItemGoesOutInOrderAndNeverBeforeItsDeadline() throws Exception {
        final int count = 1_000;
        final List<PacedItem> out = new ArrayList<>();
        final List<Long> sentAt = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        try (ReactorGroup group = ReactorGroup.builder()
                .name("pipe")
                .reactors(1)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final Strand strand = Strand.of("tx-video");
            group.add(strand).get(10, TimeUnit.SECONDS);
            final PacedPipeline pipeline = new PacedPipeline("video", 64, count, Duration.ofNanos(500_000), item -> {
                sentAt.add(System.nanoTime());
                out.add(item);
                if (out.size() == count) {
                    done.countDown();
                }
            });
            pipeline.install(strand).get(10, TimeUnit.SECONDS);
            final long sleepsBefore = group.reactor(0).stats().sleeps();
            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pipeline.transmitter().sent() == count);
            assertThat(pipeline.builder().built()).isEqualTo(count);
            assertThat(group.reactor(0).stats().sleeps())
                    .as("the reactor rested between items")
                    .isGreaterThan(sleepsBefore);
        }
        for (int i = 0; i < count; i++) {
            assertThat(out.get(i).sequence()).isEqualTo(i);
            assertThat(sentAt.get(i)).isGreaterThanOrEqualTo(out.get(i).deadlineNanos());
        }
    }
}
