package dev.weft.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import dev.weft.reactor.ReactorFailure;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorListener;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Flight Recorder events weft-core commits itself, read back from a live {@link RecordingStream}. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoreEventsTest {

    private static final String[] NAMES = {
        "dev.weft.StrandMove",
        "dev.weft.ReactorModeSwitch",
        "dev.weft.TaskletFailure",
        "dev.weft.WatchdogStall",
        "dev.weft.MicroSchedulerStatistics"
    };

    /** Waits for the first recorded event of a type that matches, whenever it was recorded. */
    private static RecordedEvent next(
            final BlockingQueue<RecordedEvent> events, final String name, final Predicate<RecordedEvent> matching)
            throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (final RecordedEvent event : events) {
                if (event.getEventType().getName().equals(name) && matching.test(event)) {
                    return event;
                }
            }
            synchronized (events) {
                assertThat(System.nanoTime() - deadline)
                        .as("waiting for a %s event", name)
                        .isNegative();
                events.wait(100);
            }
        }
    }

    private static RecordingStream stream(final BlockingQueue<RecordedEvent> events) {
        final RecordingStream stream = new RecordingStream();
        for (final String name : NAMES) {
            stream.enable(name).withPeriod(Duration.ofMillis(100));
        }
        stream.onEvent(event -> {
            synchronized (events) {
                events.add(event);
                events.notifyAll();
            }
        });
        stream.startAsync();
        return stream;
    }

    @Test
    void reactorsGroupsAndSchedulersCommitTheirEvents() throws Exception {
        final BlockingQueue<RecordedEvent> events = new LinkedBlockingQueue<>();
        final CountDownLatch stallReported = new CountDownLatch(1);
        final ReactorListener listener = new ReactorListener() {
            @Override
            public void failed(final ReactorFailure failure) {}

            @Override
            public void stuck(final String reactor, final String activity, final long stuckNanos) {
                stallReported.countDown();
            }
        };
        try (RecordingStream stream = stream(events);
                ReactorGroup group = ReactorGroup.builder()
                        .name("jfr-core")
                        .reactors(2)
                        .mode(ReactorMode.SLEEP)
                        .listener(listener)
                        .watchdog(Duration.ofMillis(50))
                        .build()
                        .start();
                WorkerPool pool = WorkerPool.start(2);
                MicroScheduler scheduler = MicroScheduler.start(pool)) {
            final Strand strand = Strand.of("wanderer");
            group.add(strand, group.reactor(0)).get();

            group.reactor(0).mode(ReactorMode.INTERRUPT, "test");
            final RecordedEvent mode = next(events, "dev.weft.ReactorModeSwitch", e -> true);
            assertThat(mode.getString("reactor")).isEqualTo(group.reactor(0).name());
            assertThat(mode.getString("fromMode")).isEqualTo("sleep");
            assertThat(mode.getString("toMode")).isEqualTo("interrupt");
            assertThat(mode.getString("cause")).isEqualTo("test");

            group.move(strand, group.reactor(1)).get();
            final RecordedEvent move = next(events, "dev.weft.StrandMove", e -> true);
            assertThat(move.getLong("strandId")).isEqualTo(strand.id());
            assertThat(move.getInt("fromReactor")).isZero();
            assertThat(move.getInt("toReactor")).isEqualTo(1);
            assertThat(move.getString("cause")).isEqualTo("api");
            assertThat(move.getBoolean("completed")).isTrue();

            strand.add(Tasklet.of("bad", () -> {
                        throw new IllegalStateException("no");
                    }))
                    .get();
            final RecordedEvent failure = next(events, "dev.weft.TaskletFailure", e -> true);
            assertThat(failure.getString("strand")).isEqualTo("wanderer");
            assertThat(failure.getString("source")).isEqualTo("bad");
            assertThat(failure.getString("kind")).isEqualTo("tasklet");
            assertThat(failure.getString("error")).contains("IllegalStateException", "no");

            strand.execute(() -> {
                try {
                    stallReported.await(60, TimeUnit.SECONDS);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            final RecordedEvent stall = next(events, "dev.weft.WatchdogStall", e -> true);
            assertThat(stall.getString("reactor")).isEqualTo(group.reactor(1).name());
            assertThat(stall.getString("activity")).contains("wanderer");
            assertThat(stall.getLong("stallNanos"))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());

            assertThat(scheduler.invoke(() -> 7)).isEqualTo(7);
            final RecordedEvent statistics = next(
                    events,
                    "dev.weft.MicroSchedulerStatistics",
                    e -> scheduler.name().equals(e.getString("scheduler")) && e.getLong("executed") >= 1);
            assertThat(statistics.getString("pool")).isEqualTo(pool.name());
            assertThat(statistics.getInt("workers")).isEqualTo(scheduler.workerCount());
            strand.close().get();
        }
    }

    @Test
    void aBalancingRoundsMovesAndSwitchesNameTheBalancerAsCause() throws Exception {
        final BlockingQueue<RecordedEvent> events = new LinkedBlockingQueue<>();
        try (RecordingStream stream = stream(events);
                ReactorGroup group = ReactorGroup.builder()
                        .name("jfr-round")
                        .reactors(2)
                        .mode(ReactorMode.SLEEP)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start()) {
            final Strand idle = Strand.of("idler");
            group.add(idle, group.reactor(1)).get();
            idle.add(Tasklet.of("idle", () -> 0)).get();
            try (BalancingRound round = BalancingRound.start(
                    group,
                    BalancingConfig.builder()
                            .balancer(new DynamicBalancer())
                            .periodMicros(20_000)
                            .build())) {
                final RecordedEvent move =
                        next(events, "dev.weft.StrandMove", e -> "idler".equals(e.getString("strand")));
                assertThat(move.getString("cause")).isEqualTo("balancer dynamic");
                assertThat(move.getInt("fromReactor")).isEqualTo(1);
                assertThat(move.getInt("toReactor")).isZero();
                final RecordedEvent mode = next(
                        events,
                        "dev.weft.ReactorModeSwitch",
                        e -> group.reactor(1).name().equals(e.getString("reactor")));
                assertThat(mode.getString("toMode")).isEqualTo("interrupt");
                assertThat(mode.getString("cause")).isEqualTo("balancer dynamic");
            }
            idle.close().get();
        }
    }
}
