package dev.weft.bench.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The long-running check that no process outlives a SIGKILLed scheduler JVM: {@code N} times, starts an
 * {@link OrphanCheckParent} (a scheduler starting commands without pause, each leaving a background child and a
 * {@code setsid} escapee), waits until it runs, lets it run a random 0-300 ms more, SIGKILLs it, and then walks
 * {@code /proc} for up to 10 s for any process still carrying the parent's environment mark. A process still there
 * then is an orphan; the check counts the process groups they form, kills them, and prints the totals (target: 0
 * orphaned groups in 1,000 kills). Takes about a second per kill.
 *
 * <p>Run: {@code java -cp <weft-bench's class path> dev.weft.bench.process.OrphanCheckMain [kills]} (default 1000).
 */
public final class OrphanCheckMain {

    private static final String MARK = "WEFT_ORPHAN_CHECK";
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private OrphanCheckMain() {}

    /**
     * Runs the check.
     *
     * @param args optional number of kills
     * @throws Exception if a parent cannot be started
     */
    public static void main(final String[] args) throws Exception {
        final int kills = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        final SplittableRandom random = new SplittableRandom(42);
        int orphanedGroups = 0;
        int orphanedProcesses = 0;
        int killsWithOrphans = 0;
        long slowestSettleMillis = 0;
        for (int kill = 1; kill <= kills; kill++) {
            final String mark = MARK + "=" + ProcessHandle.current().pid() + "-" + kill;
            final Process parent = startParent(mark);
            Thread.sleep(random.nextInt(300));
            parent.destroyForcibly();
            parent.waitFor();
            final long killedAt = System.nanoTime();
            List<long[]> left = marked(mark);
            while (!left.isEmpty() && System.nanoTime() - killedAt < SETTLE_NANOS) {
                Thread.sleep(20);
                left = marked(mark);
            }
            slowestSettleMillis = Math.max(slowestSettleMillis, (System.nanoTime() - killedAt) / 1_000_000);
            if (!left.isEmpty()) {
                final Set<Long> groups = new HashSet<>();
                left.forEach(process -> groups.add(process[1]));
                orphanedGroups += groups.size();
                orphanedProcesses += left.size();
                killsWithOrphans++;
                left.forEach(process -> ProcessHandle.of(process[0]).ifPresent(ProcessHandle::destroyForcibly));
            }
            if (kill % 50 == 0 || kill == kills) {
                System.out.printf(
                        "kills %d: %d with orphans, %d orphaned groups, %d orphaned processes, slowest "
                                + "clean-up %d ms%n",
                        kill, killsWithOrphans, orphanedGroups, orphanedProcesses, slowestSettleMillis);
            }
        }
    }

    private static Process startParent(final String mark) throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanCheckParent.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(MARK, mark.substring(MARK.length() + 1));
        final Process parent = builder.start();
        final BufferedReader out =
                new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.US_ASCII));
        final String line = out.readLine();
        if (!"READY".equals(line)) {
            parent.destroyForcibly();
            throw new IOException("the parent did not get ready: " + line);
        }
        return parent;
    }

    /** The live processes whose environment holds the mark, as {pid, process group}. */
    private static List<long[]> marked(final String mark) throws IOException {
        final byte[] needle = (mark + "\0").getBytes(StandardCharsets.US_ASCII);
        final List<long[]> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (final Path entry : entries.toList()) {
                final String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    final String stat = Files.readString(entry.resolve("stat"));
                    final String[] fields =
                            stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (!fields[0].equals("Z") && contains(Files.readAllBytes(entry.resolve("environ")), needle)) {
                        found.add(new long[] {Long.parseLong(name), Long.parseLong(fields[2])});
                    }
                } catch (final IOException gone) {
                    // The process ended while it was read.
                }
            }
        }
        return found;
    }

    private static boolean contains(final byte[] haystack, final byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (i > 0 && haystack[i - 1] != 0) {
                continue;
            }
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
