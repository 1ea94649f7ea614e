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
 * <p>A child is started through coreutils {@code timeout 0}: with a duration of 0 it never times anything out, but
 * it makes itself the leader of a new process group and runs the real program as its child, in that group, passing
 * on its exit status (or dying of the same signal) and relaying a SIGTERM. The started {@link Process} is therefore
 * the group's leader, and its pid is the group id. Groups are signalled with the C library's {@code kill} through
 * FFM, and {@link #leads(long)} checks with {@code getpgid} that a child really leads its group before it is
 * trusted. Where {@code timeout} or FFM is missing (another OS, native access denied), {@link #available()} is false
 * and {@link ProcessTrees} falls back to listing descendants, which is slower but needs nothing. A process that moves
 * itself into yet another group (a {@code setsid}, a job-control shell) escapes a group kill; the fallback listing
 * still finds such processes at stop.
 *
 * <p><b>Why not {@code setsid}.</b> A new session would also make a new process group, but Linux's autogroup
 * scheduling ({@code kernel.sched_autogroup_enabled}, on by default where processes are not in CPU cgroups) gives
 * every session its own scheduling group, and a fresh group was starved while the JVM that started it was busy: in
 * {@code weft demo} on a 2-core VM (kernel 6.18), {@code setsid java -version} took 0.2-8 s where {@code timeout 0
 * java -version} took 0.11-0.13 s, and worker processes waited 100-400 ms for a CPU after each wake-up, so process
 * tasks queued behind restarting workers for seconds at a time. {@code timeout 0} keeps the child in its parent's
 * session, so it is scheduled with it. The one child that does get a session of its own is the
 * {@link ParentDeathGuard} ({@link #detachedCommand}): it must outlive this JVM and ignore what the terminal sends
 * to this JVM's group, it is a single process (killing it leaves no shell behind to act on a closed pipe), and it
 * mostly sleeps, so a starved scheduling group costs it nothing that matters.
 */
final class ProcessGroups {

    /** SIGKILL. */
    static final int SIGKILL = 9;

    /** SIGTERM. */
    static final int SIGTERM = 15;

    private static final Optional<Path> TIMEOUT = find("timeout");
    private static final Optional<Path> SETSID = find("setsid");
    private static final MethodHandle KILL =
            bind("kill", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle GETPGID =
            bind("getpgid", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    static {
        warmUp();
    }

    private ProcessGroups() {}

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

    private static Optional<Path> find(final String program) {
        for (final String directory : List.of("/usr/bin/", "/bin/")) {
            final Path path = Path.of(directory + program);
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
            return libc.find(name)
                    .map(symbol -> linker.downcallHandle(symbol, descriptor))
                    .orElse(null);
        } catch (final RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Whether children can be started in their own group and groups signalled.
     *
     * @return true on Linux with coreutils {@code timeout} and native access
     */
    static boolean available() {
        return TIMEOUT.isPresent() && KILL != null && GETPGID != null;
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
        final List<String> command = new ArrayList<>(argv.size() + 2);
        command.add(TIMEOUT.orElseThrow().toString());
        command.add("0");
        command.addAll(argv);
        return command;
    }

    /**
     * Returns the command line that starts {@code argv} in a session of its own (util-linux {@code setsid}), so that
     * it outlives this JVM's process group and terminal; {@code argv} itself where {@code setsid} is missing.
     *
     * @param argv the program and its arguments
     * @return the command line to start
     */
    static List<String> detachedCommand(final List<String> argv) {
        if (SETSID.isEmpty()) {
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
