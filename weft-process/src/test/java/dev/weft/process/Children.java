package dev.weft.process;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

/** Checks, for tests, that this JVM has no child processes left (no worker, command or grandchild survives). */
final class Children {

    private Children() {
    }

    /** Waits, generously, until no descendant of this JVM is alive. */
    static void assertNoneLeft() {
        await().atMost(Duration.ofSeconds(30)).until(() -> alive().isEmpty());
    }

    /**
     * Returns the live descendants of this JVM.
     *
     * @return their pids
     */
    static List<Long> alive() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }
}
