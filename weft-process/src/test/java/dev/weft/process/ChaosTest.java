package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 1,000 tasks with faults injected at random (worker exits, halts, protocol garbage, hangs past the timeout, throws,
 * failing and hanging commands, commands that leave a background child or a {@code setsid} escapee, cancellations):
 * each ends in exactly one outcome, the one its fault implies, and no process is left behind, which the test checks by
 * walking {@code /proc} for the mark all those children carry. Worker-killing faults are capped (each costs a worker
 * JVM start) so the test stays short on a loaded two-core machine.
 */
class ChaosTest {

    private static final int TASKS = 1000;
    private static final int WORKER_KILLING_FAULTS = 24;
    private static final List<String> KILLERS = List.of("exit", "halt", "garbage", "hang");

    @Test
    void everyTaskEndsInExactlyTheOutcomeItsFaultImplies() throws InterruptedException {
        final SplittableRandom random = new SplittableRandom(2026);
        final String mark = "600." + System.nanoTime();
        final Driver driver = new Driver();
        final ProcessScheduler scheduler = driver.drive(ProcessScheduler.builder()
                .workers(2)
                .commandSlots(2)
                .queueCapacity(TASKS)
                .restartBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .fallbackHandler(driver)
                .build());
        final Map<Long, Class<? extends Outcome>> expected = new HashMap<>();
        final Set<Long> cancelled = new HashSet<>();
        final Set<Integer> killerSlots = new HashSet<>();
        while (killerSlots.size() < WORKER_KILLING_FAULTS) {
            killerSlots.add(random.nextInt(TASKS));
        }
        scheduler.start();
        try {
            for (int i = 0; i < TASKS; i++) {
                final long id;
                final Class<? extends Outcome> outcome;
                if (killerSlots.contains(i)) {
                    final String mode = KILLERS.get(random.nextInt(KILLERS.size()));
                    id = scheduler
                            .submit(function(mode, random.nextInt(5), "hang".equals(mode) ? 500 : 0))
                            .id();
                    outcome = "hang".equals(mode) ? Outcome.TimedOut.class : Outcome.WorkerCrashed.class;
                } else if (random.nextInt(100) < 15) {
                    final int kind = random.nextInt(10);
                    final String script = switch (kind) {
                        case 0 -> "echo '{\"partial\": ' ; exit 0";
                        case 1 -> "echo oops >&2; exit 3";
                        case 2 -> "sleep 30";
                        case 3 -> "sleep " + mark + " & echo '[3]'";
                        case 4 -> "setsid sleep " + mark + " > /dev/null 2>&1 & echo '[4]'";
                        default -> "echo '{\"type\":\"chaos\",\"data\":" + i + "}'";
                    };
                    id = scheduler
                            .submit(ProcessTask.command("chaos", "/bin/sh", "-c", script)
                                    .priority(random.nextInt(5))
                                    .timeoutMillis(kind == 2 ? 300 : 0)
                                    .build())
                            .id();
                    outcome = switch (kind) {
                        case 0, 1 -> Outcome.Failed.class;
                        case 2 -> Outcome.TimedOut.class;
                        default -> Outcome.Ok.class;
                    };
                } else {
                    final boolean fails = random.nextInt(100) < 10;
                    id = scheduler
                            .submit(function(
                                    fails ? "throw" : random.nextBoolean() ? "ok" : "print", random.nextInt(5), 0))
                            .id();
                    outcome = fails ? Outcome.Failed.class : Outcome.Ok.class;
                }
                expected.put(id, outcome);
                if (random.nextInt(100) < 2) {
                    scheduler.cancel(id);
                    cancelled.add(id);
                }
                if (i % 50 == 0) {
                    scheduler.run();
                }
            }
            driver.until(() -> driver.count() == TASKS);
        } finally {
            scheduler.stop();
        }
        assertThat(driver.count()).isEqualTo(TASKS);
        for (final Outcome outcome : driver.inOrder()) {
            if (cancelled.contains(outcome.id()) && outcome instanceof Outcome.Cancelled) {
                continue;
            }
            assertThat(outcome).as("task %d", outcome.id()).isInstanceOf(expected.get(outcome.id()));
        }
        assertThat(scheduler.stats().outcomes()).isEqualTo(TASKS);
        assertThat(scheduler.stats().workerCrashes()).isLessThanOrEqualTo(WORKER_KILLING_FAULTS);
        Children.assertNoneLeft();
        if (Children.cgroupAvailable()) {
            assertThat(Procs.withArgument(mark))
                    .as("marked processes left after stop()")
                    .isEmpty();
        } else {
            Procs.withArgument(mark).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static ProcessTask function(final String mode, final int priority, final long timeoutMillis) {
        return ProcessTask.function("chaos", FaultFunction.class)
                .priority(priority)
                .input("{\"mode\":\"" + mode + "\",\"value\":\"" + mode + "\"}")
                .timeoutMillis(timeoutMillis)
                .build();
    }
}
