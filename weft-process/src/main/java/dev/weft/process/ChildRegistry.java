package dev.weft.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child process weft-process has started in this JVM and not yet seen exit, so that the children do not
 * outlive the JVM when it exits without {@link ProcessScheduler#stop()}: on {@code System.exit}, the end of
 * {@code main}, SIGTERM or SIGINT, a shutdown hook SIGKILLs them with their process groups.
 *
 * <p>The JDK does not kill children when a JVM exits, and a worker's own parent watch covers only workers; this hook
 * covers command tasks too. Only SIGKILL of the JVM itself escapes it, since no code runs then: workers then exit on
 * their own, and {@link ParentDeathGuard} kills the commands' process groups. JVM-wide by nature, hence static; the set
 * is concurrent because children are added by run threads and removed by the JDK's process reaper.
 */
final class ChildRegistry {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        Thread.ofPlatform().name("weft-process-children-reaper").unstarted(ChildRegistry::killAll));
    }

    private ChildRegistry() {}

    /**
     * Registers a child just started; it leaves the registry by itself when it exits.
     *
     * @param child the child
     */
    static void register(final Process child) {
        LIVE.add(child);
        child.onExit().thenRun(() -> LIVE.remove(child));
    }

    private static void killAll() {
        for (final Process child : List.copyOf(LIVE)) {
            ProcessTrees.kill(child);
        }
        Containment.killAll();
    }
}
