package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A process scheduler as a tasklet on a real reactor: outcomes reach handlers on the reactor thread. */
class ProcessSchedulerTaskletTest {

    @ParameterizedTest
    @EnumSource(
            value = ReactorMode.class,
            names = {"SLEEP", "INTERRUPT", "POLL"})
    void outcomesArriveOnTheReactorThreadInEveryMode(final ReactorMode mode) throws Exception {
        final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final ProcessSchedulerTasklet tasklet = ProcessSchedulerTasklet.of(
                "processes", ProcessScheduler.builder().workers(1).handler("job", outcome -> {
                    threads.add(Thread.currentThread().getName());
                    outcomes.put(outcome.id(), outcome);
                }));
        final ProcessScheduler scheduler = tasklet.scheduler();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("proc")
                .reactors(1)
                .pinned(false)
                .mode(mode)
                .build()
                .start()) {
            final Strand strand = Strand.of("process-strand");
            group.add(strand).get(30, TimeUnit.SECONDS);
            tasklet.attachTo(strand).get(30, TimeUnit.SECONDS);
            final long ok = scheduler
                    .submit(ProcessTask.function("job", FaultFunction.class).build())
                    .id();
            final long hung = scheduler
                    .submit(ProcessTask.function("job", FaultFunction.class)
                            .input("{\"mode\":\"hang\"}")
                            .timeout(Duration.ofMillis(300))
                            .build())
                    .id();
            final long bad = scheduler
                    .submit(ProcessTask.function("job", NotAFunction.class.getName())
                            .build())
                    .id();
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() == 3);
            assertThat(outcomes.get(ok)).isInstanceOf(Outcome.Ok.class);
            assertThat(outcomes.get(hung)).isInstanceOf(Outcome.TimedOut.class);
            assertThat(outcomes.get(bad)).isInstanceOf(Outcome.Rejected.class);
            assertThat(threads)
                    .hasSize(3)
                    .containsOnly(threads.get(0))
                    .doesNotContain(Thread.currentThread().getName());
            strand.remove(tasklet).get(30, TimeUnit.SECONDS);
        } finally {
            scheduler.stop();
        }
        Children.assertNoneLeft();
    }

    /**
     * Process starts are held on the launcher (a gate that blocks until released) while a 1 ms timed tasklet on the
     * same reactor must tick 20 times: were a start made on the reactor thread, the ticks could not happen. Once
     * released, each task gets its one outcome on the reactor thread.
     */
    @Test
    void theReactorKeepsRunningWhileProcessesStart() throws Exception {
        final CountDownLatch held = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> gateThreads = new CopyOnWriteArrayList<>();
        final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
        final List<Long> delivered = new CopyOnWriteArrayList<>();
        final ProcessSchedulerTasklet tasklet = ProcessSchedulerTasklet.of(
                "starts",
                ProcessScheduler.builder()
                        .workers(1)
                        .launchGate(() -> {
                            gateThreads.add(Thread.currentThread().getName());
                            held.countDown();
                            awaitUninterruptibly(release);
                        })
                        .handler("job", outcome -> {
                            delivered.add(outcome.id());
                            outcomes.put(outcome.id(), outcome);
                        }));
        final ProcessScheduler scheduler = tasklet.scheduler();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("starts")
                .reactors(1)
                .pinned(false)
                .mode(ReactorMode.SLEEP)
                .build()
                .start()) {
            final Strand strand = Strand.of("starts-strand");
            group.add(strand).get(30, TimeUnit.SECONDS);
            tasklet.attachTo(strand).get(30, TimeUnit.SECONDS);
            final long command = scheduler
                    .submit(ProcessTask.command("job", "/bin/echo", "[1]").build())
                    .id();
            final long function = scheduler
                    .submit(ProcessTask.function("job", FaultFunction.class).build())
                    .id();
            assertThat(held.await(30, TimeUnit.SECONDS))
                    .as("a start reached the launcher")
                    .isTrue();
            final CountDownLatch ticks = new CountDownLatch(20);
            strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> {
                        ticks.countDown();
                        return 1;
                    }))
                    .get(30, TimeUnit.SECONDS);
            assertThat(ticks.await(30, TimeUnit.SECONDS))
                    .as("the reactor ticks while a start is held")
                    .isTrue();
            assertThat(outcomes).isEmpty();
            release.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() == 2);
            assertThat(outcomes.get(command)).isInstanceOf(Outcome.Ok.class);
            assertThat(outcomes.get(function)).isInstanceOf(Outcome.Ok.class);
            assertThat(delivered).containsExactlyInAnyOrder(command, function);
            assertThat(gateThreads).isNotEmpty().allMatch(name -> name.equals("weft-process-launcher"));
            strand.remove(tasklet).get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            scheduler.stop();
        }
        Children.assertNoneLeft();
    }

    static void awaitUninterruptibly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anOwnerStartedSchedulerIsNotStartedTwice() throws Exception {
        final ProcessSchedulerTasklet tasklet =
                ProcessSchedulerTasklet.of("inline", ProcessScheduler.builder().workers(0));
        tasklet.scheduler().start();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("inline")
                .reactors(1)
                .pinned(false)
                .build()
                .start()) {
            final Strand strand = Strand.of("inline-strand");
            group.add(strand).get(30, TimeUnit.SECONDS);
            assertThat(tasklet.attachTo(strand).get(30, TimeUnit.SECONDS)).isSameAs(tasklet);
            assertThat(tasklet.scheduler().isStarted()).isTrue();
        } finally {
            tasklet.scheduler().stop();
        }
    }
}
