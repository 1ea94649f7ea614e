package dev.weft.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps every process a {@link ProcessScheduler} starts, and everything those processes start, inside the
 * scheduler's reach, so that none outlives {@code stop()} or this JVM, whichever way the JVM ends.
 *
 * <p>Two layers. Each child leads its own process group ({@link ProcessGroups}); with {@code killGroupOnExit} (the
 * default) the group is SIGKILLed as soon as its leader exits, so a background child of a command that has finished,
 * or a process a crashed worker's function started, goes with it. Where the kernel offers a cgroup v2 hierarchy this
 * process may write to (Linux 5.14+ for {@code cgroup.kill}), the scheduler also gets a cgroup of its own, and every
 * child joins it before it runs anything: processes that left their group ({@code setsid}, a double fork) are still
 * in the cgroup, which {@code stop()} kills ({@code cgroup.kill}) and removes, as does the {@link ParentDeathGuard}
 * when this JVM dies, and the shutdown hook of {@link ChildRegistry} on a normal exit. Where there is no such cgroup
 * the scheduler says once, at INFO, why, and processes that leave their group can outlive it. Thread-safe.
 *
 * <p><b>Implementation overview.</b> The cgroup is {@code weft-<pid>-<n>} under this JVM's own cgroup, found from
 * {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}; it is made on the launcher thread, which first tries a
 * child joining it, so a cgroup that cannot be joined is never used. A child is started as {@code /bin/sh -c}
 * {@link #JOIN}: the shell writes its own pid to {@code cgroup.procs}, then reads its parent from
 * {@code /proc/<pid>/stat} and execs the leader command only if the parent is still this JVM. That closes the
 * start-up window: a JVM killed before the child joined is seen as a changed parent (the child exits without running
 * anything), and one killed after is covered by the guard, which kills the cgroup only once every thread of this JVM
 * has exited, that is after the child's check could still have seen this JVM alive.
 */
final class Containment {

    /** The join step: {@code $1} the cgroup.procs file, {@code $2} this JVM's pid, then the command. */
    static final String JOIN = """
            echo $$ > "$1" || { echo "weft: cannot join cgroup $1" >&2; exit 125; }
            read -r stat < /proc/$$/stat
            rest=${stat##*) }; rest=${rest#* }
            [ "${rest%% *}" = "$2" ] || exit 125
            shift 2
            exec "$@"
            """;

    private static final System.Logger LOG = System.getLogger(Containment.class.getName());
    private static final Path SHELL = Path.of("/bin/sh");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final long PID = ProcessHandle.current().pid();
    private static volatile boolean explained;

    private final boolean killGroupOnExit;
    private volatile Path cgroup;

    /**
     * Creates the containment of one scheduler; {@link #open()} makes its cgroup.
     *
     * @param killGroupOnExit whether a child's process group is killed when the child exits
     */
    Containment(final boolean killGroupOnExit) {
        this.killGroupOnExit = killGroupOnExit;
    }

    /** Makes the scheduler's cgroup where possible and tells the parent-death guard; on the launcher thread. */
    void open() {
        final Optional<Path> parent = ownCgroup();
        if (parent.isEmpty()) {
            return;
        }
        final Path dir = parent.get().resolve("weft-" + PID + "-" + SEQUENCE.incrementAndGet());
        try {
            Files.createDirectory(dir);
        } catch (final IOException | UnsupportedOperationException e) {
            explain("cannot make a cgroup under " + parent.get() + " (" + e + ")");
            return;
        }
        if (!Files.exists(dir.resolve("cgroup.kill")) || !canJoin(dir)) {
            explain(
                    Files.exists(dir.resolve("cgroup.kill"))
                            ? "a child cannot join a cgroup made under " + parent.get()
                            : "the kernel has no cgroup.kill (Linux 5.14 or later)");
            removeQuietly(dir);
            return;
        }
        OPEN.add(dir);
        ParentDeathGuard.watchCgroup(dir);
        cgroup = dir;
    }

    /**
     * Returns the command line that starts {@code argv} as the leader of its own process group, inside the
     * scheduler's cgroup when it has one.
     *
     * @param argv the program and its arguments
     * @return the command line to start
     */
    List<String> command(final List<String> argv) {
        final List<String> leader = ProcessGroups.leaderCommand(argv);
        final Path dir = cgroup;
        if (dir == null) {
            return leader;
        }
        final List<String> command = new ArrayList<>(leader.size() + 6);
        command.addAll(List.of(
                SHELL.toString(),
                "-c",
                JOIN,
                "weft-join",
                dir.resolve("cgroup.procs").toString(),
                Long.toString(PID)));
        command.addAll(leader);
        return command;
    }

    /**
     * Watches a child just started: when it exits, its process group is SIGKILLed (if so configured).
     *
     * @param child the child, leading its group
     */
    void started(final Process child) {
        if (killGroupOnExit && ProcessGroups.available()) {
            final long pgid = child.pid();
            child.onExit().thenRun(() -> ProcessGroups.signal(pgid, ProcessGroups.SIGKILL));
        }
    }

    /**
     * The scheduler's cgroup, for tests and diagnostics.
     *
     * @return its directory, if it has one
     */
    Optional<Path> cgroup() {
        return Optional.ofNullable(cgroup);
    }

    /**
     * Kills whatever is left in the cgroup and removes it; on {@code stop()}, after the children were reaped.
     * Returns at once when the cgroup is already empty; otherwise waits for the kill to take effect, at most 5 s.
     */
    void close() {
        final Path dir = cgroup;
        if (dir == null) {
            return;
        }
        cgroup = null;
        killAndRemove(dir, TimeUnit.SECONDS.toNanos(5));
        OPEN.remove(dir);
        ParentDeathGuard.forgetCgroup(dir);
    }

    /** Kills every open cgroup of this JVM (the shutdown hook); the guard removes them once the JVM is gone. */
    static void killAll() {
        for (final Path dir : List.copyOf(OPEN)) {
            kill(dir);
        }
    }

    private static void killAndRemove(final Path dir, final long waitNanos) {
        if (!isEmpty(dir)) {
            kill(dir);
        }
        final long until = System.nanoTime() + waitNanos;
        while (true) {
            try {
                Files.delete(dir);
                return;
            } catch (final IOException e) {
                if (System.nanoTime() - until > 0) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "cgroup " + dir + " still holds processes after " + "cgroup.kill; left in place (" + e
                                    + ")");
                    return;
                }
                kill(dir);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private static boolean isEmpty(final Path dir) {
        try {
            return Files.readString(dir.resolve("cgroup.procs")).isBlank();
        } catch (final IOException e) {
            return false;
        }
    }

    private static void kill(final Path dir) {
        try {
            Files.writeString(dir.resolve("cgroup.kill"), "1");
        } catch (final IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot kill cgroup " + dir + ": " + e);
        }
    }

    private static void removeQuietly(final Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (final IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove cgroup " + dir + ": " + e);
        }
    }

    /** Starts a child that joins the cgroup and exits; true if it could. */
    private static boolean canJoin(final Path dir) {
        try {
            final Process probe = new ProcessBuilder(
                            SHELL.toString(),
                            "-c",
                            JOIN,
                            "weft-join",
                            dir.resolve("cgroup.procs").toString(),
                            Long.toString(PID),
                            "true")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (final IOException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** This JVM's cgroup v2 directory, if there is a cgroup v2 hierarchy and {@code /bin/sh}. */
    private static Optional<Path> ownCgroup() {
        if (!Files.isExecutable(SHELL)) {
            explain("there is no " + SHELL);
            return Optional.empty();
        }
        try {
            String own = null;
            for (final String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
                if (line.startsWith("0::")) {
                    own = line.substring(3);
                }
            }
            for (final String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                final String[] fields = line.split(" ");
                final int dash = List.of(fields).indexOf("-");
                if (own != null && dash > 4 && dash + 1 < fields.length && "cgroup2".equals(fields[dash + 1])) {
                    final String root = fields[3];
                    final String relative = own.startsWith(root) ? own.substring(root.length()) : own;
                    final Path dir = Path.of(fields[4], relative.replaceFirst("^/+", ""));
                    if (dir.toString().chars().anyMatch(c -> c <= ' ')) {
                        explain("its path " + dir + " holds white space");
                        return Optional.empty();
                    }
                    return Optional.of(dir);
                }
            }
            explain("there is no cgroup v2 hierarchy mounted");
        } catch (final IOException e) {
            explain("/proc cannot be read (" + e + ")");
        }
        return Optional.empty();
    }

    private static void explain(final String why) {
        if (!explained) {
            explained = true;
            LOG.log(
                    System.Logger.Level.INFO,
                    "process schedulers run without a cgroup of their own: " + why
                            + "; a process that leaves its task's process group (setsid, a double fork) can "
                            + "outlive the "
                            + "scheduler");
        }
    }
}
