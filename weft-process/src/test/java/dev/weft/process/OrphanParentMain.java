package dev.weft.process;

import java.time.Duration;

/**
 * A parent JVM for {@link ParentDeathTest}: starts a scheduler with one worker, gives it a task that hangs, prints
 * {@code WORKER <pid>} once the task runs, then keeps running its main loop until it is killed.
 */
public final class OrphanParentMain {

    private OrphanParentMain() {
    }

    /**
     * Runs the parent.
     *
     * @param args ignored
     * @throws InterruptedException never in practice: the test kills this JVM
     */
    public static void main(final String[] args) throws InterruptedException {
        final ProcessScheduler scheduler = ProcessScheduler.builder().workers(1).build();
        scheduler.start();
        scheduler.submit(ProcessTask.function("hang", FaultFunction.class).input("{\"mode\":\"hang\"}").noTimeout()
                .build());
        boolean announced = false;
        while (true) {
            scheduler.run();
            if (!announced && scheduler.stats().running() == 1) {
                System.out.println("WORKER " + scheduler.childPids().getFirst());
                System.out.flush();
                announced = true;
            }
            scheduler.awaitWork(Duration.ofMillis(100));
        }
    }
}
