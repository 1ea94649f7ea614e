package dev.weft.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Kills the process groups of running command tasks, and the cgroups of process schedulers ({@link Containment}),
 * when this JVM dies by SIGKILL, when no code of the JVM runs any more: the one case the shutdown hook of
 * {@link ChildRegistry} cannot cover.
 *
 * <p><b>Implementation overview.</b> One small guard process per JVM, a POSIX shell running {@link #SCRIPT}, started
 * on the first command task and kept for the JVM's life. Its stdin is a pipe whose only write end is held by this JVM
 * (the JDK closes every other descriptor in the children it starts). The JVM writes {@code + <pid>} when a command
 * starts and {@code - <pid>} once its leader has been reaped; the guard keeps the set of live pids. When the JVM
 * dies, however it dies, the kernel closes the write end, the guard reads end of file, sends SIGKILL to the process
 * group of every pid still in its set ({@code kill -9 -<pid>}, falling back to the pid alone where the command does
 * not lead a group), then, once every thread of the JVM has exited, kills and removes each cgroup it was told of
 * with {@code c <dir>} (and not told to forget with {@code u <dir>}), and exits. So a command's grandchildren go
 * with it, which a parent-death signal
 * ({@code PR_SET_PDEATHSIG}) could not do: that signal reaches only the direct child, and fires when the
 * <em>thread</em> that forked the child ends, not the process, so a command started from a short-lived thread would
 * be killed early. The guard needs neither Linux nor native code, only {@code /bin/sh}.
 *
 * <p>If the guard is killed from outside, the next command start notices (its write fails or the guard is seen to have
 * exited), logs it, starts a new guard and hands it every pid still watched. If no guard can be started (no
 * {@code /bin/sh}), commands run unguarded and a warning says once that they can outlive a SIGKILLed JVM. What is left
 * uncovered without a cgroup: a JVM killed between a command's fork and its {@code +} line, and processes that move
 * themselves out of the command's group; with one, both are in the cgroup. Static because the guard is per JVM; its
 * state is guarded by {@link #LOCK}, since commands start on launcher threads and are forgotten on the JDK's process
 * reaper thread.
 */
final class ParentDeathGuard {

    /**
     * The guard's program ({@code $1}: this JVM's pid): keeps a space-separated set of pids from {@code +}/{@code -}
     * lines on stdin and one of cgroups from {@code c}/{@code u} lines; at end of file, SIGKILLs each pid's group (or
     * the pid), waits until every thread of this JVM has exited, kills each cgroup ({@code cgroup.kill}), removes it
     * and exits.
     */
    static final String SCRIPT = """
            live=' '
            cgroups=' '
            while read -r op arg; do
              case $op in
                +) live="$live$arg " ;;
                -) case $live in *" $arg "*) live="${live%% $arg *} ${live#* $arg }" ;; esac ;;
                c) cgroups="$cgroups$arg " ;;
                u) case $cgroups in *" $arg "*) cgroups="${cgroups%% $arg *} ${cgroups#* $arg }" ;; esac ;;
              esac
            done
            for pid in $live; do kill -9 -"$pid" 2>/dev/null || kill -9 "$pid" 2>/dev/null; done
            [ -z "${cgroups# }" ] && exit 0
            while :; do
              running=
              for task in /proc/"$1"/task/*/stat; do
                read -r stat < "$task" 2>/dev/null || continue
                case ${stat##*) } in Z*|X*) ;; *) running=1 ;; esac
              done
              [ -z "$running" ] && break
              sleep 0.01
            done
            for cg in $cgroups; do echo 1 > "$cg/cgroup.kill"; done
            for cg in $cgroups; do
              n=0
              until rmdir "$cg" 2>/dev/null || [ $n -ge 500 ]; do
                echo 1 > "$cg/cgroup.kill"; sleep 0.01; n=$((n+1))
              done
            done
            """;

    private static final System.Logger LOG = System.getLogger(ParentDeathGuard.class.getName());
    private static final Path SHELL = Path.of("/bin/sh");
    private static final Object LOCK = new Object();
    private static final Set<Long> WATCHED = new LinkedHashSet<>();
    private static final Set<Path> CGROUPS = new LinkedHashSet<>();
    private static Process guard;
    private static OutputStream lines;
    private static boolean warned;

    private ParentDeathGuard() {}

    /**
     * Watches a command just started: its process group is SIGKILLed if this JVM dies while it runs. The pid is
     * forgotten by itself once the command has exited and been reaped.
     *
     * @param command the command's process (the leader of its group when {@link ProcessGroups#available()})
     */
    static void watch(final Process command) {
        final long pid = command.pid();
        synchronized (LOCK) {
            WATCHED.add(pid);
            send("+ " + pid + "\n", true);
        }
        command.onExit().thenRun(() -> forget(pid));
    }

    /**
     * Watches a scheduler's cgroup: it is killed and removed if this JVM dies before {@link #forgetCgroup(Path)}.
     *
     * @param dir the cgroup's directory (no white space in its path)
     */
    static void watchCgroup(final Path dir) {
        synchronized (LOCK) {
            CGROUPS.add(dir);
            send("c " + dir + "\n", true);
        }
    }

    /**
     * Stops watching a cgroup that its scheduler has removed.
     *
     * @param dir the cgroup's directory
     */
    static void forgetCgroup(final Path dir) {
        synchronized (LOCK) {
            if (CGROUPS.remove(dir)) {
                send("u " + dir + "\n", false);
            }
        }
    }

    /**
     * Returns the guard process of this JVM, for tests and diagnostics.
     *
     * @return its pid, if a guard is running
     */
    static Optional<Long> guardPid() {
        synchronized (LOCK) {
            return guard != null && guard.isAlive() ? Optional.of(guard.pid()) : Optional.empty();
        }
    }

    private static void forget(final long pid) {
        synchronized (LOCK) {
            if (WATCHED.remove(pid)) {
                send("- " + pid + "\n", false);
            }
        }
    }

    /**
     * Writes a line to the guard, starting (or restarting) it first when asked and needed; must hold {@link #LOCK}.
     */
    private static void send(final String line, final boolean startIfNeeded) {
        if (guard != null && !guard.isAlive()) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the parent-death guard (pid " + guard.pid() + ") " + CommandResults.describeExit(guard.exitValue())
                            + "; a new one starts with the next command task");
            guard = null;
        }
        if (guard == null) {
            if (startIfNeeded) {
                start();
            }
            return;
        }
        try {
            lines.write(line.getBytes(StandardCharsets.US_ASCII));
            lines.flush();
        } catch (final IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the parent-death guard (pid " + guard.pid() + ") stopped reading (" + e.getMessage()
                            + "); a new one starts with the next command task");
            guard.destroyForcibly();
            guard = null;
            if (startIfNeeded) {
                start();
            }
        }
    }

    /**
     * Starts a guard and hands it every watched pid; on failure warns once and leaves commands unguarded. Without
     * process groups it also warns once: the guard then kills each command, not its children.
     */
    private static void start() {
        if (!Files.isExecutable(SHELL)) {
            warnOnce("there is no " + SHELL + " to run it, so command tasks run unguarded");
            return;
        }
        try {
            final Process started = new ProcessBuilder(ProcessGroups.detachedCommand(List.of(
                            SHELL.toString(),
                            "-c",
                            SCRIPT,
                            "weft-parent-death-guard",
                            Long.toString(ProcessHandle.current().pid()))))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            final StringBuilder all = new StringBuilder();
            for (final long pid : WATCHED) {
                all.append("+ ").append(pid).append('\n');
            }
            for (final Path dir : CGROUPS) {
                all.append("c ").append(dir).append('\n');
            }
            final OutputStream out = started.getOutputStream();
            out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            guard = started;
            lines = out;
            if (!ProcessGroups.available()) {
                warnOnce("commands do not lead process groups here, for want of coreutils timeout or native "
                        + "access; it can kill each command but not what the command started");
            }
        } catch (final IOException e) {
            warnOnce("it cannot be started (" + e.getMessage() + "), so command tasks run unguarded");
        }
    }

    private static void warnOnce(final String problem) {
        if (!warned) {
            warned = true;
            LOG.log(
                    System.Logger.Level.WARNING,
                    "parent-death guard for command tasks: " + problem + "; what it "
                            + "cannot kill will outlive this JVM if the JVM is killed with SIGKILL");
        }
    }
}
