package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.balance.BalancePlan;
import dev.weft.balance.Balancer;
import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.balance.LoadSnapshot;
import dev.weft.balance.StrandLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The life of a strand's virtual threads: the balancer's load counts their runs as the strand's busy time, a
 * balancer's move takes the sleeping ones along, closing the strand or its group interrupts them and reports the ones
 * that outlive the wait, and a JVM without the option refuses them with the option's name.
 */
class VirtualThreadLifecycleTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final long OBSERVED_NANOS = Duration.ofMillis(500).toNanos();

    private final RecordingListener listener = new RecordingListener();
    private ReactorGroup group;

    @AfterEach
    void closeGroup() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void theDynamicBalancerMovesAStrandWithItsSleepingVirtualThreads() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("travelling");
        group.add(strand, group.reactor(1)).join();
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicBoolean awake = new AtomicBoolean();
        final List<String> before = new CopyOnWriteArrayList<>();
        final List<String> after = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(strand.virtualThreads().name("waiter-" + i).start(() -> {
                before.add(Thread.currentThread().toString());
                awaitQuietly(gate);
                after.add(Thread.currentThread().toString());
            }));
        }
        threads.add(strand.virtualThreads().name("napper").start(() -> {
            before.add(Thread.currentThread().toString());
            while (!awake.get()) {
                VirtualThreadsTest.sleep(Duration.ofMillis(5));
            }
            after.add(Thread.currentThread().toString());
        }));
        await().atMost(PATIENCE).until(() -> before.size() == 5);
        try (BalancingRound round = BalancingRound.start(
                group,
                BalancingConfig.builder()
                        .balancer(new DynamicBalancer())
                        .periodMicros(20_000)
                        .build())) {
            await().atMost(PATIENCE).until(() -> strand.reactor().orElseThrow() == group.reactor(0));
        }
        gate.countDown();
        awake.set(true);
        for (final Thread thread : threads) {
            thread.join();
        }
        assertThat(before).allMatch(seen -> seen.endsWith("@" + group.reactor(1).name()));
        assertThat(after)
                .hasSize(5)
                .allMatch(seen -> seen.endsWith("@" + group.reactor(0).name()));
    }

    @Test
    void theBalancerSeesAVirtualThreadsRunsAsItsStrandsBusyTime() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand working = Strand.of("working");
        final Strand resting = Strand.of("resting");
        group.add(working, group.reactor(1)).join();
        group.add(resting, group.reactor(0)).join();
        final AtomicBoolean release = new AtomicBoolean();
        final Thread worker = working.virtualThreads().start(() -> {
            while (!release.get()) {
                Thread.yield();
            }
        });
        final Thread napper = resting.virtualThreads().start(() -> {
            while (!release.get()) {
                VirtualThreadsTest.sleep(Duration.ofMillis(5));
            }
        });
        final List<LoadSnapshot> seen = new CopyOnWriteArrayList<>();
        final Balancer recording = new Balancer() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public BalancePlan balance(final LoadSnapshot snapshot) {
                seen.add(snapshot);
                return BalancePlan.NONE;
            }
        };
        try (BalancingRound round = BalancingRound.start(
                group,
                BalancingConfig.builder()
                        .balancer(recording)
                        .periodMicros(20_000)
                        .build())) {
            // Half a second of rounds at least: one preemption of the reactor thread inside a busy pass (a few
            // milliseconds on a loaded machine) must not decide a strand's share.
            await().atMost(PATIENCE)
                    .until(() -> seen.size() >= 3
                            && total(seen, working)[1] >= OBSERVED_NANOS
                            && total(seen, resting)[1] >= OBSERVED_NANOS);
        } finally {
            release.set(true);
        }
        worker.join();
        napper.join();
        final long[] workingTime = total(seen, working);
        final long[] restingTime = total(seen, resting);
        assertThat(100 * workingTime[0] / workingTime[1])
                .as("a strand whose virtual thread never blocks is busy, "
                        + "not idle as the dynamic balancer's load_limit (20%) counts it")
                .isGreaterThanOrEqualTo(20);
        assertThat(100 * restingTime[0] / restingTime[1])
                .as("a strand whose virtual thread sleeps")
                .isLessThan(20);
    }

    /** Returns the strand's busy time and its busy plus idle time over every round the balancer saw. */
    private static long[] total(final List<LoadSnapshot> snapshots, final Strand strand) {
        long busy = 0;
        long all = 0;
        for (final LoadSnapshot snapshot : snapshots) {
            final StrandLoad load = snapshot.strand(strand.id()).orElseThrow();
            busy += load.busy();
            all += load.busy() + load.idle();
        }
        return new long[] {busy, all};
    }

    @Test
    void closingInterruptsTheVirtualThreadsAndWaitsForThemToEnd() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("closing");
        group.add(strand).join();
        final CountDownLatch never = new CountDownLatch(1);
        final AtomicInteger interrupted = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(strand.virtualThreads().start(() -> {
                try {
                    never.await();
                } catch (final InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            }));
        }
        await().atMost(PATIENCE).until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        strand.close().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(interrupted.get()).isEqualTo(3);
        assertThat(threads).noneMatch(Thread::isAlive);
        assertThat(listener.failures).isEmpty();
        assertThatThrownBy(() -> strand.virtualThreads().start(() -> {}))
                .isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("'closing'");
    }

    @Test
    void aVirtualThreadThatOutlivesTheCloseIsReportedAndRunsOnToItsEndElsewhere() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("stubborn");
        group.add(strand).join();
        final AtomicBoolean release = new AtomicBoolean();
        final AtomicReference<String> last = new AtomicReference<>();
        final Thread thread = strand.virtualThreads().name("deaf").start(() -> {
            while (!release.get()) {
                Thread.interrupted();
                LockSupport.park();
            }
            last.set(Thread.currentThread().toString());
        });
        await().atMost(PATIENCE).until(() -> thread.getState() == Thread.State.WAITING);
        strand.close().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(listener.failures).singleElement().satisfies(failure -> {
            assertThat(failure.kind()).isEqualTo(ReactorFailure.Kind.VIRTUAL_THREAD);
            assertThat(failure.strand()).isSameAs(strand);
            assertThat(failure.source()).contains("'deaf'");
            assertThat(failure.error().getMessage()).contains("'deaf'", "weft-orphan-carrier");
            assertThat(failure.error().getStackTrace()).isNotEmpty();
        });
        release.set(true);
        LockSupport.unpark(thread);
        thread.join();
        assertThat(last.get()).endsWith("@weft-orphan-carrier");
    }

    @Test
    void closingTheGroupReportsTheStrandsLiveVirtualThreadsWhichRunOnToTheirEndElsewhere() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("left-open");
        group.add(strand).join();
        final AtomicBoolean release = new AtomicBoolean();
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicReference<String> last = new AtomicReference<>();
        final Thread thread = strand.virtualThreads().name("lingering").start(() -> {
            while (!release.get()) {
                if (Thread.interrupted()) {
                    interrupted.set(true);
                }
                LockSupport.park();
            }
            last.set(Thread.currentThread().toString());
        });
        await().atMost(PATIENCE).until(() -> thread.getState() == Thread.State.WAITING);
        group.close();
        assertThat(strand.isClosed()).isTrue();
        assertThat(listener.failures).singleElement().satisfies(failure -> {
            assertThat(failure.kind()).isEqualTo(ReactorFailure.Kind.VIRTUAL_THREAD);
            assertThat(failure.strand()).isSameAs(strand);
            assertThat(failure.source()).contains("'lingering'");
        });
        await().atMost(PATIENCE).untilTrue(interrupted);
        release.set(true);
        LockSupport.unpark(thread);
        thread.join();
        assertThat(last.get()).endsWith("@weft-orphan-carrier");
    }

    @Test
    void withoutTheOptionVirtualThreadsAreRefusedWithItsName() throws Exception {
        final String out = output(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                VirtualThreadsUnsupportedProbe.class.getName()));
        assertThat(out.lines())
                .containsExactly(
                        "supported=false",
                        "UnsupportedOperationException: virtual threads carried by strands need the JVM option "
                                + "--add-opens java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void theJdksIoPollersAreNotCarriedByTheStrandWhoseThreadFirstBlocksOnASocket() throws Exception {
        final String out = output(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CarriedSocketProbe.class.getName()));
        assertThat(out.lines()).as(out).contains("read=7 live=0");
    }

    /** Runs a probe JVM to its end (killing it after a minute) and returns what it printed. */
    private static String output(final ProcessBuilder builder) throws Exception {
        final Path log = Files.createTempFile("weft-probe", ".txt");
        try {
            final Process process = builder.redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            final boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            final String out = Files.readString(log);
            assertThat(ended).as("the probe ended within a minute: " + out).isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            return out;
        } finally {
            Files.delete(log);
        }
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
