package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Virtual threads carried by strands: they run on the strand's reactor thread, blocking frees the reactor for the
 * strand's tasklets, their time is the strand's busy time, the mailbox batch keeps them fair to tasklets, the watchdog
 * names one that holds its carrier, and many of them on two strands all complete.
 */
class VirtualThreadsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RecordingListener listener = new RecordingListener();
    private ReactorGroup group;

    @AfterEach
    void closeGroup() {
        if (group != null) {
            group.close();
        }
    }

    @Test
    void aVirtualThreadRunsOnItsStrandsReactorThreadAndSoDoItsChildren() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("carried");
        group.add(strand, group.reactor(1)).join();
        final AtomicReference<String> seen = new AtomicReference<>();
        final AtomicReference<String> child = new AtomicReference<>();
        final Thread thread = strand.virtualThreads().name("worker").start(() -> {
            seen.set(Thread.currentThread().toString());
            final Thread inner = Thread.ofVirtual()
                    .start(() -> child.set(Thread.currentThread().toString()));
            join(inner);
        });
        thread.join();
        assertThat(thread.isVirtual()).isTrue();
        assertThat(seen.get())
                .contains("worker")
                .endsWith("@" + group.reactor(1).name());
        assertThat(child.get()).endsWith("@" + group.reactor(1).name());
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void threadsStartedBeforeTheStrandIsPlacedRunOnceItIs() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("late");
        final AtomicReference<String> seen = new AtomicReference<>();
        final Thread thread = strand.virtualThreads()
                .start(() -> seen.set(Thread.currentThread().toString()));
        assertThat(strand.stats().virtualThreads()).isEqualTo(1);
        group.add(strand).join();
        thread.join();
        assertThat(seen.get()).endsWith("@" + group.reactor(0).name());
        await().atMost(PATIENCE).until(() -> strand.stats().virtualThreads() == 0);
    }

    @ParameterizedTest
    @EnumSource(
            value = ReactorMode.class,
            names = {"INTERRUPT", "SLEEP"})
    void aSleepingVirtualThreadLeavesTheReactorToRunA1msTimedTasklet(final ReactorMode mode) throws Exception {
        group = Groups.started(1, mode, listener);
        final Strand strand = Strand.of("sleeper");
        group.add(strand).join();
        final AtomicLong ticks = new AtomicLong();
        strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> (int) ticks.incrementAndGet()))
                .join();
        final AtomicLong before = new AtomicLong();
        final AtomicLong after = new AtomicLong();
        final Thread thread = strand.virtualThreads().start(() -> {
            before.set(ticks.get());
            sleep(Duration.ofMillis(20));
            after.set(ticks.get());
        });
        thread.join();
        assertThat(after.get())
                .as("ticks of the reactor's tasklet while its virtual thread slept")
                .isGreaterThan(before.get());
        assertThat(listener.failures).isEmpty();
    }

    @Test
    void aBlockingSocketReadLeavesTheReactorToRunItsTimedTasklet() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("reader");
        group.add(strand).join();
        final AtomicLong ticks = new AtomicLong();
        strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> (int) ticks.incrementAndGet()))
                .join();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            final AtomicLong before = new AtomicLong(-1);
            final AtomicLong after = new AtomicLong();
            final AtomicInteger read = new AtomicInteger();
            final Thread thread = strand.virtualThreads().start(() -> {
                try (InputStream in = accepted.getInputStream()) {
                    before.set(ticks.get());
                    read.set(in.read());
                    after.set(ticks.get());
                } catch (final java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            await().atMost(PATIENCE).until(() -> before.get() >= 0 && ticks.get() > before.get() + 2);
            assertThat(thread.isAlive())
                    .as("the reader still waits for its byte")
                    .isTrue();
            final OutputStream out = client.getOutputStream();
            out.write(42);
            out.flush();
            thread.join();
            assertThat(read.get()).isEqualTo(42);
            assertThat(after.get()).isGreaterThan(before.get() + 2);
        }
    }

    @Test
    void tenThousandVirtualThreadsOnTwoStrandsCompleteEachStrandRunningItsOwnSerially() throws Exception {
        group = Groups.started(2, ReactorMode.INTERRUPT, listener);
        final Strand[] strands = {Strand.of("many-0"), Strand.of("many-1")};
        group.add(strands[0], group.reactor(0)).join();
        group.add(strands[1], group.reactor(1)).join();
        final int[] unlocked = new int[2];
        final AtomicInteger elsewhere = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            final int at = i % 2;
            final String carrier = "@" + group.reactor(at).name();
            final boolean sleeps = i % 10 == 0;
            threads.add(strands[at].virtualThreads().start(() -> {
                if (sleeps) {
                    sleep(Duration.ofMillis(1));
                } else {
                    Thread.yield();
                }
                unlocked[at]++;
                if (!Thread.currentThread().toString().endsWith(carrier)) {
                    elsewhere.incrementAndGet();
                }
            }));
        }
        for (final Thread thread : threads) {
            thread.join();
        }
        assertThat(unlocked)
                .as("increments without a lock, serial on each strand")
                .containsExactly(5_000, 5_000);
        assertThat(elsewhere.get()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(strands[0].stats().virtualThreads()).isZero();
            assertThat(strands[1].stats().virtualThreads()).isZero();
        });
    }

    @Test
    void aYieldingVirtualThreadCannotStarveTheStrandsTasklets() throws Exception {
        group = Groups.started(1, ReactorMode.POLL, listener);
        final Strand strand = Strand.of("fair");
        group.add(strand).join();
        final AtomicLong polls = new AtomicLong();
        strand.add(Tasklet.of("count", () -> {
                    polls.incrementAndGet();
                    return 1;
                }))
                .join();
        final AtomicLong yields = new AtomicLong();
        final Thread thread = strand.virtualThreads().start(() -> {
            final long start = polls.get();
            while (polls.get() < start + 50) {
                yields.incrementAndGet();
                Thread.yield();
            }
        });
        assertThat(thread.join(PATIENCE))
                .as("the loop ends only if the tasklet is polled between its runs")
                .isTrue();
        assertThat(yields.get()).isPositive();
    }

    @Test
    void timeInAVirtualThreadIsTheStrandsBusyTime() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("busy");
        group.add(strand).join();
        final long busyBefore = strand.stats().busyNanos();
        final AtomicLong spun = new AtomicLong();
        strand.virtualThreads()
                .start(() -> {
                    final long start = System.nanoTime();
                    while (System.nanoTime() - start < 30_000_000L) {
                        Thread.onSpinWait();
                    }
                    spun.set(System.nanoTime() - start);
                })
                .join();
        await().atMost(PATIENCE).until(() -> strand.stats().busyNanos() - busyBefore >= spun.get());
    }

    @Test
    void theWatchdogNamesAVirtualThreadThatHoldsItsCarrierWithItsStack() throws Exception {
        group = ReactorGroup.builder()
                .name("dog")
                .reactors(1)
                .mode(ReactorMode.INTERRUPT)
                .listener(listener)
                .watchdog(Duration.ofMillis(50))
                .build()
                .start();
        final Strand strand = Strand.of("pinned");
        group.add(strand).join();
        final AtomicBoolean release = new AtomicBoolean();
        final Thread thread = strand.virtualThreads().name("spinner").start(() -> spinUntil(release));
        try {
            await().atMost(PATIENCE).until(() -> !listener.stuck.isEmpty());
        } finally {
            release.set(true);
        }
        thread.join();
        assertThat(listener.stuck.getFirst())
                .contains("virtual thread 'spinner'", "of strand 'pinned'", "VirtualThreadsTest.spinUntil");
    }

    @Test
    void theExecutorServiceStartsAThreadPerTaskOnTheStrand() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("served");
        group.add(strand).join();
        final List<Future<String>> carriers = new ArrayList<>();
        try (ExecutorService executor = strand.virtualThreadExecutor()) {
            for (int i = 0; i < 4; i++) {
                carriers.add(executor.submit(() -> {
                    Thread.yield();
                    return Thread.currentThread().toString();
                }));
            }
        }
        for (final Future<String> carrier : carriers) {
            assertThat(carrier.resultNow()).endsWith("@" + group.reactor(0).name());
        }
    }

    @Test
    void blockingOnTheStrandsOwnFuturesDoesNotDeadlock() throws Exception {
        group = Groups.started(1, ReactorMode.INTERRUPT, listener);
        final Strand strand = Strand.of("self");
        group.add(strand).join();
        final AtomicReference<Tasklet> added = new AtomicReference<>();
        strand.virtualThreads()
                .start(() -> added.set(strand.add(Tasklet.of("idle", () -> 0)).join()))
                .join();
        assertThat(added.get().name()).isEqualTo("idle");
    }

    static void spinUntil(final AtomicBoolean release) {
        while (!release.get()) {
            Thread.onSpinWait();
        }
    }

    /** Sleeps in a virtual thread: the behaviour under test (the carrier is freed), not a way to synchronise. */
    static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(final Thread thread) {
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
