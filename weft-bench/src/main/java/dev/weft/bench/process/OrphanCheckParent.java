package dev.weft.bench.process;

import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessTask;
import java.time.Duration;

/**
 * The parent JVM of {@link OrphanCheckMain}: a scheduler with one worker and four command slots that starts commands
 * without pause, each leaving a background child in its group and a {@code setsid} escapee outside it, and prints
 * {@code READY} once the first has ended; it runs until it is killed.
 */
public final class OrphanCheckParent {

    private static final String COMMAND = "sleep 600 & setsid sleep 600 > /dev/null 2>&1 & echo '[1]'";

    private OrphanCheckParent() {}

    /**
     * Runs the parent until it is killed.
     *
     * @param args ignored
     * @throws InterruptedException never in practice
     */
    public static void main(final String[] args) throws InterruptedException {
        final ProcessScheduler scheduler = ProcessScheduler.builder()
                .workers(1)
                .commandSlots(4)
                .fallbackHandler(outcome -> {})
                .build();
        scheduler.start();
        boolean announced = false;
        while (true) {
            while (scheduler.stats().queued() + scheduler.stats().running() < 8) {
                scheduler.submit(ProcessTask.command("orphan-check", "/bin/sh", "-c", COMMAND)
                        .build());
                scheduler.run();
            }
            scheduler.run();
            if (!announced && scheduler.stats().ok() > 0) {
                System.out.println("READY");
                System.out.flush();
                announced = true;
            }
            scheduler.awaitWork(Duration.ofMillis(5));
        }
    }
}
