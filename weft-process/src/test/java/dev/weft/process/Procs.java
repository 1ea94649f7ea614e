package dev.weft.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the live processes of this machine from {@code /proc}, for tests that must see processes this JVM did not
 * start (re-parented grandchildren of a killed JVM). A zombie counts as gone: it has exited, only its exit status
 * waits to be collected by whoever it was re-parented to.
 */
final class Procs {

    /**
     * One process as {@code /proc/<pid>/stat} shows it.
     *
     * @param pid its pid
     * @param pgid its process group
     * @param state its state letter ({@code Z} for a zombie)
     */
    record Proc(long pid, long pgid, char state) {}

    private Procs() {}

    /**
     * Returns the processes that are in one of the groups and have not exited.
     *
     * @param pgids the process groups
     * @return the live members
     */
    static List<Proc> liveMembers(final List<Long> pgids) {
        return all().stream()
                .filter(p -> pgids.contains(p.pgid()) && p.state() != 'Z' && p.state() != 'X')
                .toList();
    }

    /**
     * Whether a process exists and has not exited.
     *
     * @param pid the process
     * @return true if it runs
     */
    static boolean alive(final long pid) {
        return all().stream().anyMatch(p -> p.pid() == pid && p.state() != 'Z' && p.state() != 'X');
    }

    /**
     * Returns the live processes that have an argument containing a token (a test's mark on the processes it
     * expects to be killed, such as {@code sleep 600.<token>}).
     *
     * @param token the token
     * @return their pids
     */
    static List<Long> withArgument(final String token) {
        final List<Long> found = new ArrayList<>();
        for (final Proc proc : all()) {
            if (proc.state() == 'Z' || proc.state() == 'X') {
                continue;
            }
            try {
                final String cmdline = Files.readString(Path.of("/proc", Long.toString(proc.pid()), "cmdline"));
                if (cmdline.contains(token)) {
                    found.add(proc.pid());
                }
            } catch (final IOException gone) {
                continue;
            }
        }
        return found;
    }

    private static List<Proc> all() {
        final List<Proc> procs = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (final Path entry : entries.toList()) {
                final String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                final String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (final IOException gone) {
                    continue;
                }
                final String[] fields =
                        stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                procs.add(new Proc(Long.parseLong(name), Long.parseLong(fields[2]), fields[0].charAt(0)));
            }
        } catch (final IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return procs;
    }
}
