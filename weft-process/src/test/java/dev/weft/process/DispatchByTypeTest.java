package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each outcome goes to the handler of its type, on the run() thread; types without a handler go to the fallback. */
class DispatchByTypeTest {

    @Test
    void outcomesAreDispatchedByTypeOnTheRunThread() throws InterruptedException {
        final List<Long> idle = new ArrayList<>();
        final List<Long> update = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final Driver fallback = new Driver();
        final ProcessScheduler scheduler = fallback.drive(ProcessScheduler.builder()
                .workers(1)
                .handler("ph_client_task_idle", outcome -> {
                    idle.add(outcome.id());
                    threads.add(Thread.currentThread());
                })
                .handler("ph_client_update", outcome -> {
                    update.add(outcome.id());
                    threads.add(Thread.currentThread());
                })
                .fallbackHandler(fallback)
                .build());
        scheduler.start();
        try {
            final long a = scheduler
                    .submit(ProcessTask.function("ph_client_task_idle", FaultFunction.class)
                            .priority(3)
                            .timeoutMillis(15_000)
                            .input("{\"value\": \"devmeta\"}")
                            .build())
                    .id();
            final long b = scheduler
                    .submit(ProcessTask.command(
                                    "ph_client_update",
                                    "/bin/sh",
                                    "-c",
                                    "echo '{\"type\":\"ph_client_update\",\"data\":{\"revision\":56}}'")
                            .priority(3)
                            .build())
                    .id();
            final long c = scheduler
                    .submit(ProcessTask.function("ph_client_task_idle", FaultFunction.class)
                            .input("{\"mode\": \"throw\"}")
                            .build())
                    .id();
            final long d = scheduler
                    .submit(ProcessTask.function("nobody", FaultFunction.class).build())
                    .id();
            fallback.until(() -> idle.size() == 2 && update.size() == 1 && fallback.count() == 1);
            assertThat(idle).containsExactlyInAnyOrder(a, c);
            assertThat(update).containsExactly(b);
            assertThat(fallback.inOrder()).extracting(Outcome::id).containsExactly(d);
            assertThat(threads).containsOnly(Thread.currentThread());
        } finally {
            scheduler.stop();
        }
        Children.assertNoneLeft();
    }
}
