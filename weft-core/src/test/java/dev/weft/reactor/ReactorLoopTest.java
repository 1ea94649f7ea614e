package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReactorLoopTest {

    private final RecordingListener listener = new RecordingListener();
    private ReactorGroup group;

    @AfterEach
    void stop() {
        if (group != null) {
            group.close();
        }
    }

    private Strand placed(final String name) throws Exception {
        final Strand strand = Strand.of(name);
        group.add(strand).get(10, TimeUnit.SECONDS);
        return strand;
    }

    @Test
    void taskletsStartPollAndStopOnTheReactorThread() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Strand strand = placed("s");
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicInteger polls = new AtomicInteger();
        final Tasklet tasklet = new Tasklet("t") {
            @Override
            protected void start() {
                threads.add("start:" + Thread.currentThread().getName());
            }

            @Override
            public int poll() {
                return polls.incrementAndGet() % 2;
            }

            @Override
            protected void stop() {
                threads.add("stop:" + Thread.currentThread().getName());
            }
        };
        strand.add(tasklet).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() > 100);
        strand.remove(tasklet).get(10, TimeUnit.SECONDS);
        final String reactorThread = group.reactor(0).name();
        assertThat(threads).containsExactly("start:" + reactorThread, "stop:" + reactorThread);
        final TaskletStats stats = tasklet.stats();
        assertThat(stats.runs()).isGreaterThanOrEqualTo(100);
        assertThat(stats.busyRuns()).isBetween(stats.runs() / 2 - 1, stats.runs() / 2 + 1);
        assertThat(tasklet.strand()).isEmpty();
        final int after = polls.get();
        strand.execute(() -> {});
        final CompletableFuture<Void> fence = new CompletableFuture<>();
        strand.execute(() -> fence.complete(null));
        fence.get(10, TimeUnit.SECONDS);
        assertThat(polls.get()).as("no poll after removal").isEqualTo(after);
    }

    @Test
    void messagesRunInOrderOnTheStrandsReactor() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("ordered");
        final List<Integer> seen = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 10_000; i++) {
            final int n = i;
            strand.execute(() -> {
                seen.add(n);
                if (n == 9_999) {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(10_000);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
    }

    @Test
    void timedTaskletsRunWhenDueAndLetTheReactorBlock() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("timer");
        final CountDownLatch ticks = new CountDownLatch(5);
        strand.add(Tasklet.timed("tick", Duration.ofMillis(2), () -> {
                    ticks.countDown();
                    return 1;
                }))
                .get(10, TimeUnit.SECONDS);
        assertThat(ticks.await(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> group.reactor(0).effectiveMode() == ReactorMode.INTERRUPT);
    }

    @Test
    void aStrandIsChargedIdleForEverySleepOfItsReactor() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("timer");
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch ticks = new CountDownLatch(20);
        strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> {
                    first.countDown();
                    ticks.countDown();
                    return 1;
                }))
                .get(10, TimeUnit.SECONDS);
        assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
        final long[] before = sleptAndStrandIdle(strand);
        assertThat(ticks.await(30, TimeUnit.SECONDS)).isTrue();
        final long[] after = sleptAndStrandIdle(strand);
        final long slept = after[0] - before[0];
        assertThat(slept).as("the reactor blocked between ticks").isPositive();
        assertThat(after[1] - before[1])
                .as("strand idle time against the reactor's sleep")
                .isGreaterThanOrEqualTo(slept);
    }

    /** Reads the reactor's sleep time and the strand's idle time on the reactor thread, where both are exact. */
    private long[] sleptAndStrandIdle(final Strand strand) throws Exception {
        final Reactor reactor = group.reactor(0);
        final CompletableFuture<long[]> read = new CompletableFuture<>();
        reactor.execute(() -> read.complete(
                new long[] {reactor.stats().sleepNanos(), strand.stats().idleNanos()}));
        return read.get(10, TimeUnit.SECONDS);
    }

    @Test
    void timedTaskletsRunInEveryModeWhenTheyAreAllThereIsToPoll() throws Exception {
        for (final ReactorMode mode : ReactorMode.values()) {
            group = Groups.started(1, mode, listener);
            final Strand strand = placed("timer-" + mode);
            final CountDownLatch ticks = new CountDownLatch(5);
            strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> {
                        ticks.countDown();
                        return 1;
                    }))
                    .get(10, TimeUnit.SECONDS);
            assertThat(ticks.await(30, TimeUnit.SECONDS))
                    .as("ticks in %s mode", mode)
                    .isTrue();
            final ReactorStats stats = group.reactor(0).stats();
            assertThat(stats.busyNanos() + stats.idleNanos())
                    .as("busy and idle time keep up with the passes")
                    .isPositive();
            group.close();
            group = null;
        }
    }

    @Test
    void aReactorThatNeverIdlesReportsTheModeItWasSwitchedTo() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("always busy");
        strand.add(Tasklet.of("busy", () -> 1)).get(10, TimeUnit.SECONDS);
        assertThat(reactor.effectiveMode()).isEqualTo(ReactorMode.INTERRUPT);
        reactor.mode(ReactorMode.POLL, "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.POLL);
        reactor.mode(ReactorMode.SLEEP, "test");
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.SLEEP);
        reactor.mode(ReactorMode.INTERRUPT, "test");
        assertThat(reactor.effectiveMode())
                .as("interrupt mode is reported once an idle pass could park")
                .isEqualTo(ReactorMode.SLEEP);
    }

    @Test
    void autoModeFollowsTaskletsAsTheyComeAndGo() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("auto");
        final Tasklet polled = Tasklet.of("polled", () -> 0);
        polled.adviceSleepMicros(500);
        strand.add(polled).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.SLEEP);
        polled.pause();
        strand.execute(() -> {});
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.INTERRUPT);
        polled.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.SLEEP);
        strand.add(Tasklet.timed("timed", Duration.ofMillis(5), () -> 0)).get(10, TimeUnit.SECONDS);
        strand.remove(polled).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.effectiveMode() == ReactorMode.INTERRUPT);
    }

    @Test
    void pausedTaskletsAreNotPolled() throws Exception {
        group = Groups.started(1, ReactorMode.POLL, listener);
        final Strand strand = placed("pause");
        final AtomicInteger paused = new AtomicInteger();
        final AtomicInteger other = new AtomicInteger();
        final Tasklet target = Tasklet.of("target", paused::incrementAndGet);
        strand.add(target).get(10, TimeUnit.SECONDS);
        strand.add(Tasklet.of("other", other::incrementAndGet)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> paused.get() > 10);
        target.pause();
        final CompletableFuture<Integer> frozen = new CompletableFuture<>();
        strand.execute(() -> frozen.complete(paused.get()));
        final int atPause = frozen.get(10, TimeUnit.SECONDS);
        final int otherAtPause = other.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> other.get() > otherAtPause + 1000);
        assertThat(paused.get()).isEqualTo(atPause);
        target.resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> paused.get() > atPause);
    }

    @Test
    void noPostIsLostWhileAParkedReactorDecidesToSleep() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("wake");
        for (int i = 0; i < 20_000; i++) {
            final CompletableFuture<Void> ran = new CompletableFuture<>();
            strand.execute(() -> ran.complete(null));
            ran.get(20, TimeUnit.SECONDS);
        }
        assertThat(group.reactor(0).stats().wakeups()).isPositive();
    }

    @Test
    void noPostIsLostWhileASelectingReactorDecidesToSleep() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = placed("wake-select");
        final java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        strand.register(pipe.source(), registration -> 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> group.reactor(0).isSleeping());
        for (int i = 0; i < 5_000; i++) {
            final CompletableFuture<Void> ran = new CompletableFuture<>();
            strand.execute(() -> ran.complete(null));
            ran.get(20, TimeUnit.SECONDS);
        }
        pipe.sink().close();
        pipe.source().close();
    }

    @Test
    void removalTimesOutWhenTheReactorDoesNotAnswerAndTheTaskletStays() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Strand strand = placed("slow");
        final AtomicInteger polls = new AtomicInteger();
        final Tasklet tasklet = Tasklet.of("stays", polls::incrementAndGet);
        strand.add(tasklet).get(10, TimeUnit.SECONDS);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        strand.execute(() -> {
            blocked.countDown();
            awaitQuietly(release);
        });
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        final CompletableFuture<Void> removal = strand.remove(tasklet, Duration.ofMillis(50));
        assertThatThrownBy(() -> removal.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("stays");
        release.countDown();
        final int before = polls.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() > before + 10);
        assertThat(tasklet.strand()).contains(strand);
    }

    @Test
    void aTaskletMayRemoveItself() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Strand strand = placed("self");
        final AtomicInteger polls = new AtomicInteger();
        final CountDownLatch stopped = new CountDownLatch(1);
        final AtomicReference<CompletableFuture<Void>> removal = new AtomicReference<>();
        final Tasklet self = new Tasklet("self") {
            @Override
            public int poll() {
                if (polls.incrementAndGet() == 3) {
                    removal.set(strand().orElseThrow().remove(this));
                }
                return 1;
            }

            @Override
            protected void stop() {
                stopped.countDown();
            }
        };
        strand.add(self).get(10, TimeUnit.SECONDS);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        removal.get().get(10, TimeUnit.SECONDS);
        assertThat(polls.get()).isLessThanOrEqualTo(4);
    }

    @Test
    void failuresStayWithTheTaskletHandlerOrMessage() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Strand strand = placed("faulty");
        final AtomicInteger healthy = new AtomicInteger();
        final CountDownLatch stopped = new CountDownLatch(1);
        strand.add(Tasklet.of("healthy", healthy::incrementAndGet)).get(10, TimeUnit.SECONDS);
        final Tasklet bad = new Tasklet("bad") {
            @Override
            public int poll() {
                throw new IllegalStateException("poll failed");
            }

            @Override
            protected void stop() {
                stopped.countDown();
            }
        };
        strand.add(bad).get(10, TimeUnit.SECONDS);
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        strand.execute(() -> {
            throw new IllegalArgumentException("message failed");
        });
        final Signal signal = new Signal("sig");
        final CountDownLatch deleted = new CountDownLatch(1);
        strand.register(
                signal,
                registration -> {
                    throw new UnsupportedOperationException("handler failed");
                },
                deleted::countDown);
        signal.raise();
        assertThat(deleted.await(10, TimeUnit.SECONDS)).isTrue();
        final int before = healthy.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> healthy.get() > before + 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.failures.size() == 3);
        assertThat(listener.failures)
                .extracting(ReactorFailure::kind)
                .containsExactly(ReactorFailure.Kind.TASKLET, ReactorFailure.Kind.MESSAGE, ReactorFailure.Kind.HANDLER);
        assertThat(listener.failures.get(0).source()).isEqualTo("bad");
        assertThat(listener.failures.get(0).strand()).isSameAs(strand);
        assertThat(listener.failures.get(0).error()).hasMessage("poll failed");
        assertThat(bad.strand()).isEmpty();
    }

    @Test
    void theWatchdogNamesTheTaskletAReactorIsStuckIn() throws Exception {
        group = ReactorGroup.builder()
                .name("dog")
                .reactors(1)
                .listener(listener)
                .watchdog(Duration.ofMillis(20))
                .build()
                .start();
        final Strand strand = placed("stuck");
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger polls = new AtomicInteger();
        strand.add(Tasklet.of("sleeper", () -> {
                    if (polls.incrementAndGet() == 1) {
                        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.stuck.isEmpty());
                        awaitQuietly(release);
                    }
                    return 0;
                }))
                .get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> !listener.stuck.isEmpty());
        release.countDown();
        assertThat(listener.stuck.get(0))
                .startsWith("dog-reactor-0: ")
                .contains("tasklet 'sleeper'")
                .contains("strand 'stuck'");
    }

    @Test
    void addAndRemoveUnderLoadWithThousandsOfStrands() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final int count = 2_000;
        final AtomicInteger starts = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();
        final List<Strand> strands = new ArrayList<>();
        final List<Tasklet> tasklets = new ArrayList<>();
        final List<CompletableFuture<?>> adds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            final Strand strand = Strand.of("load-" + i);
            strands.add(strand);
            adds.add(group.add(strand));
            final Tasklet tasklet = new Tasklet("work-" + i) {
                @Override
                public int poll() {
                    return 1;
                }

                @Override
                protected void start() {
                    starts.incrementAndGet();
                }

                @Override
                protected void stop() {
                    stops.incrementAndGet();
                }
            };
            tasklets.add(tasklet);
            adds.add(strand.add(tasklet));
        }
        CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(starts.get()).isEqualTo(count);
        final List<CompletableFuture<Void>> removals = new ArrayList<>();
        final Thread other = Thread.ofPlatform().start(() -> {
            for (int i = 1; i < count; i += 2) {
                synchronized (removals) {
                    removals.add(strands.get(i).remove(tasklets.get(i), Duration.ofSeconds(60)));
                }
            }
        });
        for (int i = 0; i < count; i += 2) {
            synchronized (removals) {
                removals.add(strands.get(i).remove(tasklets.get(i), Duration.ofSeconds(60)));
            }
        }
        other.join();
        CompletableFuture.allOf(removals.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(stops.get()).isEqualTo(count);
        assertThat(group.snapshot().reactors())
                .allSatisfy(r -> assertThat(r.strands())
                        .allSatisfy(s -> assertThat(s.tasklets()).isEmpty()));
    }

    @Test
    void orderlyStopRunsAcceptedMessagesStopsTaskletsAndLeavesNoThread() throws Exception {
        group = Groups.started(2, ReactorMode.SLEEP, listener);
        final Strand strand = placed("stopping");
        final CountDownLatch stopped = new CountDownLatch(1);
        strand.add(new Tasklet("t") {
                    @Override
                    public int poll() {
                        return 0;
                    }

                    @Override
                    protected void stop() {
                        stopped.countDown();
                    }
                })
                .get(10, TimeUnit.SECONDS);
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            strand.execute(ran::incrementAndGet);
        }
        final List<Thread> threads =
                group.reactors().stream().map(Reactor::thread).toList();
        group.close();
        assertThat(ran.get()).isEqualTo(1000);
        assertThat(stopped.getCount()).isZero();
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> strand.execute(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("stopping");
        assertThatThrownBy(() -> group.add(Strand.of("late"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void strandsMoveAtLoopBoundariesKeepingMessageOrderAndTasklets() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("mover");
        group.add(strand, group.reactor(0)).get(10, TimeUnit.SECONDS);
        final AtomicReference<String> pollThread = new AtomicReference<>();
        strand.add(Tasklet.timed("where", Duration.ofMillis(1), () -> {
                    pollThread.set(Thread.currentThread().getName());
                    return 0;
                }))
                .get(10, TimeUnit.SECONDS);
        final List<Integer> order = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 500; i++) {
            final int n = i;
            strand.execute(() -> order.add(n));
        }
        final CompletableFuture<Void> moved = group.move(strand, group.reactor(1));
        for (int i = 500; i < 1000; i++) {
            final int n = i;
            strand.execute(() -> order.add(n));
        }
        moved.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(order.get(i)).isEqualTo(i);
        }
        assertThat(strand.reactor()).contains(group.reactor(1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> group.reactor(1).name().equals(pollThread.get()));
        assertThat(group.reactor(0).strands()).isEmpty();
        assertThat(strand.initialReactor()).contains(group.reactor(0));
    }

    @Test
    void repeatedMovesUnderTrafficLoseNothingAndNeverRunAStrandTwiceAtOnce() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("bouncing");
        group.add(strand, group.reactor(0)).get(10, TimeUnit.SECONDS);
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final java.util.Set<String> pollThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        strand.add(Tasklet.of("guard", () -> {
                    if (inside.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    pollThreads.add(Thread.currentThread().getName());
                    inside.decrementAndGet();
                    return 0;
                }))
                .get(10, TimeUnit.SECONDS);
        final int messages = 20_000;
        final List<Integer> order = new ArrayList<>();
        final CountDownLatch all = new CountDownLatch(1);
        final Thread poster = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < messages; i++) {
                final int n = i;
                strand.execute(() -> {
                    order.add(n);
                    if (n == messages - 1) {
                        all.countDown();
                    }
                });
            }
        });
        for (int move = 0; move < 200; move++) {
            group.move(strand, group.reactor((move + 1) % 2)).get(10, TimeUnit.SECONDS);
        }
        poster.join();
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(messages);
        for (int i = 0; i < messages; i++) {
            assertThat(order.get(i)).isEqualTo(i);
        }
        assertThat(overlaps.get()).isZero();
        assertThat(pollThreads)
                .containsExactlyInAnyOrder(
                        group.reactor(0).name(), group.reactor(1).name());
        assertThat(strand.reactor()).contains(group.reactor(0));
    }

    @Test
    void placementIsRoundRobinOverTheCpuMask() throws Exception {
        group = Groups.started(3, ReactorMode.INTERRUPT, listener);
        final List<Integer> placedOn = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            final Strand strand = Strand.builder("masked-" + i)
                    .cpuMask(dev.weft.platform.CpuSet.of(1, 2))
                    .build();
            placedOn.add(group.add(strand).get(10, TimeUnit.SECONDS).cpu());
        }
        assertThat(placedOn).containsOnly(1, 2);
        assertThat(placedOn.stream().filter(c -> c == 1).count()).isEqualTo(2);
        final Strand outside = Strand.builder("outside")
                .cpuMask(dev.weft.platform.CpuSet.of(7))
                .build();
        assertThatThrownBy(() -> group.add(outside))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mask");
        assertThatThrownBy(() -> group.move(outside, group.reactor(0))).hasMessageContaining("CPU mask");
    }

    @Test
    void modeSwitchesFromOutsideAndStatsAreReadableFromAnyThread() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("stats");
        strand.add(Tasklet.of("busy", () -> 1)).get(10, TimeUnit.SECONDS);
        reactor.mode(ReactorMode.POLL);
        assertThat(reactor.mode()).isEqualTo(ReactorMode.POLL);
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.stats().busyNanos() > 0);
        final ReactorStats stats = group.snapshot().reactors().get(0);
        assertThat(stats.loops()).isPositive();
        assertThat(stats.strands()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("stats");
            assertThat(s.tasklets())
                    .singleElement()
                    .satisfies(t -> assertThat(t.busyRuns()).isPositive());
        });
        assertThat(stats.name()).isEqualTo(reactor.name());
    }

    @Test
    void sleepModeFollowsAdviceYieldsUnder200MicrosecondsAndHonoursForcedSleep() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("advice");
        final Tasklet idle = Tasklet.of("idle", () -> 0);
        idle.adviceSleepMicros(100);
        strand.add(idle).get(10, TimeUnit.SECONDS);
        final ReactorStats before = reactor.stats();
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.stats().yields() > before.yields() + 100);
        assertThat(reactor.stats().sleeps()).as("100 µs advice only yields").isEqualTo(before.sleeps());
        idle.adviceSleepMicros(500);
        final long sleeps = reactor.stats().sleeps();
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.stats().sleeps() > sleeps + 10);
        reactor.forcedSleep(Duration.ofNanos(50_000));
        final CompletableFuture<Void> applied = new CompletableFuture<>();
        strand.execute(() -> applied.complete(null));
        applied.get(10, TimeUnit.SECONDS);
        final long yields = reactor.stats().yields();
        await().atMost(Duration.ofSeconds(10)).until(() -> reactor.stats().yields() > yields + 100);
        assertThat(reactor.forcedSleep()).isEqualTo(Duration.ofNanos(50_000));
        assertThat(reactor.effectiveMode()).isEqualTo(ReactorMode.SLEEP);
    }

    /**
     * MTL caps advice at its 1 ms default sleep, so a pacer advising 20 ms would wake twenty times per deadline; with
     * the default raised to 100 ms the reactor sleeps the advice itself. Sleeps cannot end before the time asked
     * unless something wakes the reactor, so the mean sleep is a firm lower bound, far from the 1 ms of the cap.
     */
    @Test
    void aRaisedDefaultSleepLetsAdviceBeyondOneMillisecondThrough() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        assertThat(reactor.defaultSleep()).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> reactor.defaultSleep(Duration.ofNanos(999))).hasMessageContaining("under 1 µs");
        reactor.defaultSleep(Duration.ofMillis(100));
        assertThat(reactor.defaultSleep()).isEqualTo(Duration.ofMillis(100));
        final Strand strand = placed("pacer");
        final Tasklet pacer = Tasklet.of("pacer", () -> 0);
        pacer.adviceSleepMicros(20_000);
        strand.add(pacer).get(10, TimeUnit.SECONDS);
        final ReactorStats before = reactor.stats();
        await().atMost(Duration.ofSeconds(30)).until(() -> reactor.stats().sleeps() >= before.sleeps() + 10);
        final ReactorStats after = reactor.stats();
        final long meanSleep = (after.sleepNanos() - before.sleepNanos()) / (after.sleeps() - before.sleeps());
        assertThat(meanSleep).as("mean sleep, ns").isGreaterThan(15_000_000L);
    }

    /**
     * A tasklet alternates its advice between a nap that only yields (100 µs) and one that sleeps (500 µs), and at
     * each poll reads on the reactor thread what the reactor did since the poll before: it must have followed the
     * advice of that poll, not the one before it (which would sleep after every yield-advice and yield after every
     * sleep-advice). A wait cut short by a post counts as neither, so only the wrong kind of idling is a failure.
     */
    @Test
    void aReactorIdlesByTheAdviceItsTaskletGaveInThatSamePass() throws Exception {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        final Strand strand = placed("fresh-advice");
        final AtomicInteger followed = new AtomicInteger();
        final List<String> wrong = new CopyOnWriteArrayList<>();
        final Tasklet alternating = new Tasklet("alternating") {
            private long polls;
            private long yields = -1;
            private long sleeps = -1;

            @Override
            public int poll() {
                final ReactorStats now = reactor.stats();
                if (yields >= 0) {
                    final boolean yieldAdvised = polls % 2 == 1;
                    final long yielded = now.yields() - yields;
                    final long slept = now.sleeps() - sleeps;
                    if (yieldAdvised ? slept > 0 : yielded > 0) {
                        wrong.add("poll " + polls + ": advised " + (yieldAdvised ? "a yield" : "a sleep")
                                + ", then yielded " + yielded + " and slept " + slept);
                    } else {
                        followed.incrementAndGet();
                    }
                }
                polls++;
                yields = now.yields();
                sleeps = now.sleeps();
                adviceSleepMicros(polls % 2 == 1 ? 100 : 500);
                return 0;
            }
        };
        strand.add(alternating).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> followed.get() + wrong.size() >= 200);
        strand.remove(alternating).get(10, TimeUnit.SECONDS);
        assertThat(wrong).isEmpty();
    }

    @Test
    void closingANeverPlacedStrandRunsItsMessagesAndRefusesItsRequests() throws Exception {
        final Strand strand = Strand.of("unplaced");
        final AtomicInteger ran = new AtomicInteger();
        strand.execute(ran::incrementAndGet);
        final Tasklet tasklet = Tasklet.of("never", () -> 0);
        final CompletableFuture<Tasklet> added = strand.add(tasklet);
        strand.close().get(10, TimeUnit.SECONDS);
        assertThat(ran.get()).isEqualTo(1);
        assertThatThrownBy(() -> added.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("never");
        assertThat(tasklet.strand()).isEmpty();
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        assertThatThrownBy(() -> group.add(strand))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void loopAndSleepWindowsCloseAfterTwoAndFiveSeconds() {
        group = Groups.started(1, ReactorMode.SLEEP, listener);
        final Reactor reactor = group.reactor(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> reactor.stats().avgNanosPerLoop() > 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> reactor.stats().sleepRatioPercent() > 0);
        final ReactorStats stats = reactor.stats();
        assertThat(stats.sleepRatioPercent()).isLessThanOrEqualTo(100.0);
        assertThat(stats.avgNanosPerLoop())
                .as("a sleeping loop takes about its 1 ms sleep")
                .isGreaterThan(SleepRule.YIELD_THRESHOLD_NANOS);
        if (stats.userCpuNanos() >= 0) {
            assertThat(stats.userCpuNanos() + stats.systemCpuNanos()).isPositive();
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
