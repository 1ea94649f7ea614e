package dev.weft.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts children as leaders of their own process group and signals whole groups, so that killing a task's process
 * and everything it spawned is one {@code kill(-pgid, SIGKILL)} system call, taken at the deadline, with no scan of
 * {@code /proc} first and no race with grandchildren being re-parented.
 *
 * <p>A child is started through util-linux {@code setsid}, which execs the real program in a new session (so in a
 * new process group whose id is the child's pid; the pid is unchanged because a child of the JVM is never a group
 * leader, so {@code setsid} does not fork). Groups are signalled with the C library's {@code kill} through FFM, and
 * {@link #leads(long)} checks with {@code getpgid} that a child really leads its group before it is trusted. Where
 * {@code setsid} or FFM is missing (another OS, native access denied), {@link #available()} is false and
 * {@link ProcessTrees} falls back to listing descendants, which is slower but needs nothing. A process that moves
 * itself into yet another group (a nested {@code setsid}, a job-control shell) escapes a group kill; the fallback
 * listing still finds such processes at stop.
 */
final class ProcessGroups {

    /** SIGKILL. */
    static final int SIGKILL = 9;

    /** SIGTERM. */
    static final int SIGTERM = 15;

    private static final Optional<Path> SETSID = findSetsid();
    private static final MethodHandle KILL = bind("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPGID = bind("getpgid",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    static {
        warmUp();
    }

    private ProcessGroups() {
    }

    /**
     * Links both downcalls once with harmless arguments (signal 0 to this JVM, its own group), so that the first
     * kill at a task's deadline does not pay the tens of milliseconds of linking a downcall handle costs.
     */
    private static void warmUp() {
        if (available()) {
            leads(0);
            signal(-ProcessHandle.current().pid(), 0);
        }
    }

    private static Optional<Path> findSetsid() {
        for (final String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            final Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("restricted")
    private static MethodHandle bind(final String name, final FunctionDescriptor descriptor) {
        try {
            final Linker linker = Linker.nativeLinker();
            final SymbolLookup libc = linker.defaultLookup();
            return libc.find(name).map(symbol -> linker.downcallHandle(symbol, descriptor)).orElse(null);
        } catch (final RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Whether children can be started in their own group and groups signalled.
     *
     * @return true on Linux with util-linux {@code setsid} and native access
     */
    static boolean available() {
        return SETSID.isPresent() && KILL != null && GETPGID != null;
    }

    /**
     * Returns the command line that starts {@code argv} as the leader of a new process group, or {@code argv} itself
     * when groups are not available.
     *
     * @param argv the program and its arguments
     * @return the command line to start
     */
    static List<String> leaderCommand(final List<String> argv) {
        if (!available()) {
            return argv;
        }
        final List<String> command = new ArrayList<>(argv.size() + 1);
        command.add(SETSID.orElseThrow().toString());
        command.addAll(argv);
        return command;
    }

    /**
     * Whether a process leads its own process group (so a group signal reaches it and its descendants).
     *
     * @param pid the process
     * @return true if its group id is its pid
     */
    static boolean leads(final long pid) {
        if (!available()) {
            return false;
        }
        try {
            return (int) GETPGID.invokeExact((int) pid) == (int) pid;
        } catch (final Throwable e) {
            return false;
        }
    }

    /**
     * Sends a signal to every process of a group.
     *
     * @param pgid the group id (the leader's pid)
     * @param signal the signal number
     * @return true if the signal was sent to at least one process
     */
    static boolean signal(final long pgid, final int signal) {
        try {
            return (int) KILL.invokeExact(-(int) pgid, signal) == 0;
        } catch (final Throwable e) {
            return false;
        }
    }
}
