package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a group does when it is misused: not started, closed, blocked on itself, stuck. */
class GroupFailureModesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void addingToAGroupNeverStartedFailsFastNamingTheGroupAndStart() {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("lazy")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .build()) {
            assertThatThrownBy(() -> group.add(Strand.of("s")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("'lazy'")
                    .hasMessageContaining("start()");
            assertThatThrownBy(() -> group.add(Strand.of("t"), group.reactor(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");
            assertThatThrownBy(() -> group.move(Strand.of("u"), group.reactor(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("start()");
        }
    }

    @Test
    void startAfterCloseSaysClosed() {
        final ReactorGroup never = ReactorGroup.builder()
                .name("shut")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .build();
        never.close();
        assertThatThrownBy(never::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed")
                .hasMessageNotContaining("already started");
        final ReactorGroup ran = ReactorGroup.builder()
                .name("ran")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        ran.close();
        assertThatThrownBy(ran::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void joiningTheGroupsOwnStrandFutureOnItsReactorThrowsNamingReactorAndStrand() throws Exception {
        try (ReactorGroup group = Groups.started(1, ReactorMode.SLEEP, ReactorListener.logging())) {
            final Strand caller = Strand.of("caller");
            final Strand other = Strand.of("other");
            group.add(caller).get(10, TimeUnit.SECONDS);
            group.add(other).get(10, TimeUnit.SECONDS);
            final CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            caller.execute(() -> {
                try {
                    other.add(Tasklet.of("late", () -> 0)).join();
                    thrown.complete(null);
                } catch (final RuntimeException e) {
                    thrown.complete(e);
                }
            });
            assertThat(thrown.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(BlockingOperationException.class)
                    .hasMessageContaining("join()")
                    .hasMessageContaining("test-reactor-0")
                    .hasMessageContaining("strand 'other'");
            final CompletableFuture<Throwable> viaGet = new CompletableFuture<>();
            caller.execute(() -> {
                try {
                    group.move(other, group.reactor(0)).thenApply(ignored -> 1).get();
                    viaGet.complete(null);
                } catch (final Exception e) {
                    viaGet.complete(e);
                }
            });
            final Throwable second = viaGet.get(10, TimeUnit.SECONDS);
            assertThat(second)
                    .as("a derived future checks too; a done one may be read")
                    .satisfiesAnyOf(
                            e -> assertThat(e).isInstanceOf(BlockingOperationException.class),
                            e -> assertThat(e).isNull());
            await().atMost(PATIENCE).until(() -> other.stats().tasklets().size() == 1);
            assertThat(other.stats().tasklets()).extracting(TaskletStats::name).containsExactly("late");
        }
    }

    @Test
    void closeIsBoundedAndReportsAndInterruptsAStuckReactor() throws Exception {
        final RecordingListener listener = new RecordingListener();
        final ReactorGroup group = ReactorGroup.builder()
                .name("hang")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .listener(listener)
                .closeGrace(Duration.ofMillis(200))
                .startWarningInterval(Duration.ofMillis(50))
                .build()
                .start();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final CountDownLatch left = new CountDownLatch(1);
        group.reactor(0).execute(() -> {
            entered.countDown();
            try {
                never.await();
            } catch (final InterruptedException e) {
                interrupted.set(true);
            }
            left.countDown();
        });
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        group.close();
        assertThat(listener.failures).singleElement().satisfies(failure -> {
            assertThat(failure.kind()).isEqualTo(ReactorFailure.Kind.REACTOR);
            assertThat(failure.reactor()).isEqualTo("hang-reactor-0");
            assertThat(failure.error()).hasMessageContaining("close grace of 200 ms");
            assertThat(Arrays.stream(failure.error().getStackTrace()).map(StackTraceElement::getClassName))
                    .contains(CountDownLatch.class.getName());
        });
        assertThat(left.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
    }

    @Test
    void theWatchdogReportsTheWholeStallWhenItEndsAndTimedTaskletsCountMissedPeriods() throws Exception {
        final RecordingListener listener = new RecordingListener();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("dog")
                .reactors(1)
                .listener(listener)
                .watchdog(Duration.ofMillis(20))
                .build()
                .start()) {
            final Strand strand = Strand.of("stall");
            group.add(strand).get(10, TimeUnit.SECONDS);
            final Tasklet ticker = Tasklet.timed("tick", Duration.ofMillis(2), () -> 1);
            strand.add(ticker).get(10, TimeUnit.SECONDS);
            final AtomicInteger polls = new AtomicInteger();
            strand.add(Tasklet.of("blocker", () -> {
                        if (polls.incrementAndGet() == 1) {
                            await().atMost(PATIENCE).until(() -> listener.stuck.size() == 1);
                            final long reported = listener.stuckNanos.get(0);
                            final long start = System.nanoTime();
                            await().atMost(PATIENCE).until(() -> System.nanoTime() - start > 2 * reported);
                        }
                        return 0;
                    }))
                    .get(10, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> !listener.recovered.isEmpty());
            assertThat(listener.recovered.get(0)).startsWith("dog-reactor-0: ").contains("tasklet 'blocker'");
            assertThat(listener.recoveredNanos.get(0))
                    .as("the whole stall, not the first report")
                    .isGreaterThan(2 * listener.stuckNanos.get(0));
            await().atMost(PATIENCE).until(() -> ticker.stats().missedPeriods() > 0);
            assertThat(ticker.stats().missedPeriods())
                    .as("a 2 ms ticker held up for over 40 ms")
                    .isGreaterThanOrEqualTo(10);
        }
    }
}
