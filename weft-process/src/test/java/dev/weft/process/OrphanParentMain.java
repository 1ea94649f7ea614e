package dev.weft.process;

import java.time.Duration;

/**
 * A parent JVM for {@link ParentDeathTest}: starts a scheduler with one worker and three command slots, gives it a
 * function that hangs, a command that sleeps, a shell that sleeps beside a grandchild, and a shell that sleeps beside
 * a {@code setsid} escapee (both marked {@code sleep 600.<token>}, the token being the first argument), prints
 * {@code CHILDREN <worker pid> <sleep pid> <shell pid> <guard pid or -1>} once all three run, then keeps running its
 * main loop until it is killed, without ever calling {@code stop()}.
 */
public final class OrphanParentMain {

    private OrphanParentMain() {}

    /**
     * Runs the parent.
     *
     * @param args the token that marks the escapee and its shell
     * @throws InterruptedException never in practice: the test kills this JVM
     */
    public static void main(final String[] args) throws InterruptedException {
        final ProcessScheduler scheduler =
                ProcessScheduler.builder().workers(1).commandSlots(3).build();
        scheduler.start();
        scheduler.submit(ProcessTask.function("hang", FaultFunction.class)
                .input("{\"mode\":\"hang\"}")
                .noTimeout()
                .build());
        scheduler.submit(ProcessTask.command("hang", "sleep", "600").noTimeout().build());
        scheduler.submit(ProcessTask.command("hang", "/bin/sh", "-c", "sleep 600 & sleep 600; wait")
                .noTimeout()
                .build());
        scheduler.submit(ProcessTask.command(
                        "hang",
                        "/bin/sh",
                        "-c",
                        "setsid sleep 600." + args[0] + " > /dev/null 2>&1 & sleep 600." + args[0] + "; wait")
                .noTimeout()
                .build());
        boolean announced = false;
        while (true) {
            scheduler.run();
            if (!announced && scheduler.stats().running() == 4) {
                final var pids = scheduler.childPids();
                System.out.println("CHILDREN " + pids.get(0) + " " + pids.get(1) + " " + pids.get(2) + " "
                        + ParentDeathGuard.guardPid().orElse(-1L));
                System.out.flush();
                announced = true;
            }
            scheduler.awaitWork(Duration.ofMillis(100));
        }
    }
}
