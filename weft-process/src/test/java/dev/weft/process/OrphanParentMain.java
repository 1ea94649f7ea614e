package dev.weft.process;

import java.time.Duration;

/**
 * A parent JVM for {@link ParentDeathTest}: starts a scheduler with one worker, gives it a function that hangs and a
 * command that sleeps, prints {@code CHILDREN <worker pid> <command pid>} once both run, then keeps running its main
 * loop until it is killed, without ever calling {@code stop()}.
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
        scheduler.submit(ProcessTask.command("hang", "sleep", "120").noTimeout().build());
        boolean announced = false;
        while (true) {
            scheduler.run();
            if (!announced && scheduler.stats().running() == 2) {
                System.out.println("CHILDREN " + scheduler.childPids().getFirst() + " "
                        + scheduler.childPids().getLast());
                System.out.flush();
                announced = true;
            }
            scheduler.awaitWork(Duration.ofMillis(100));
        }
    }
}
