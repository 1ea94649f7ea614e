package dev.weft.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the plan's sources one after another, each as its own process (so no benchmark shares a JVM with the
 * generator or with another source), and keeps their raw outputs in a run directory: {@code <source>.out} (standard
 * output), {@code <source>.err}, {@code <source>.json} for JMH, and {@code run.properties} with the {@link
 * Environment}. The load average is read just before the first source and just after the last.
 *
 * <p>A source that fails or hangs does not stop the run: a hang is killed with its child processes at the source's
 * time limit, and the exit status and first error line are recorded, so the report says why its rows have no figure.
 */
final class Measuring {

    private static final Pattern PROBLEM = Pattern.compile(".*(\\w(Exception|Error)(:|$)|Exception in |<failure>).*");
    private static final long JMH_LIMIT_MINUTES = 180;
    private static final long OTHER_LIMIT_MINUTES = 30;

    private Measuring() {}

    /**
     * Measures.
     *
     * @param sources the sources to run
     * @param quick whether this is a quick run
     * @param dir the run directory (created; earlier outputs of these sources are replaced)
     * @param jar the benchmarks jar
     * @param weft the {@code weft} script
     * @param commit the commit being measured, for the record
     * @return the environment of the run, also written to {@code dir/run.properties}
     * @throws IOException if the run directory cannot be written
     * @throws InterruptedException if interrupted while a source runs
     */
    static Environment run(
            final List<Source> sources,
            final boolean quick,
            final Path dir,
            final Path jar,
            final Path weft,
            final String commit)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final List<String> settings = Plan.jmhSettings(quick);
        final String settingsText = String.join(" ", settings);
        final String loadBefore = Environment.loadNow();
        final CpuTimes cpuBefore = CpuTimes.now();
        final String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final List<SourceRun> runs = new ArrayList<>();
        int index = 0;
        for (final Source source : sources) {
            index++;
            final Path out = dir.resolve(source.name() + ".out");
            final Path err = dir.resolve(source.name() + ".err");
            final Path json = dir.resolve(source.name() + ".json");
            Files.deleteIfExists(json);
            final List<String> command = source.command(quick, java, jar, weft, settings, json.toAbsolutePath());
            final String display = source.display(quick, settings);
            System.out.printf(
                    "[%d/%d] %s: %s%n      (output in %s)%n", index, sources.size(), source.name(), display, out);
            final long t0 = System.nanoTime();
            final long limit = source.kind() == Source.Kind.JMH ? JMH_LIMIT_MINUTES : OTHER_LIMIT_MINUTES;
            final int exit = runBounded(command, out, err, limit);
            final double seconds = (System.nanoTime() - t0) / 1e9;
            final String problem = exit == -1
                    ? "stopped after " + limit + " minutes"
                    : problem(
                            exit,
                            Files.readString(err, StandardCharsets.UTF_8),
                            Files.readString(out, StandardCharsets.UTF_8));
            System.out.printf(
                    "      exit %d after %.1f min%s%n", exit, seconds / 60, problem.isEmpty() ? "" : ": " + problem);
            runs.add(new SourceRun(source.name(), display, exit, seconds, problem));
        }
        final Environment env = Environment.capture(
                started,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                settingsText,
                quick,
                loadBefore,
                Environment.loadNow(),
                CpuTimes.othersShare(cpuBefore, CpuTimes.now()),
                commit,
                runs);
        env.store(dir.resolve("run.properties"));
        return env;
    }

    /** Runs one source's command with its output in files; -1 when it ran past its limit and was killed. */
    private static int runBounded(final List<String> command, final Path out, final Path err, final long limitMinutes)
            throws IOException, InterruptedException {
        final Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (process.waitFor(limitMinutes, TimeUnit.MINUTES)) {
            return process.exitValue();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
        return -1;
    }

    /**
     * The first line naming an exception, an error or a JMH failure, in the error output and then the standard
     * output, prefixed with the exit status when it is not 0. A class name ending in {@code Exception} or {@code
     * Error} counts when a colon or the line's end follows it, so JMH's table header (with its "Error" column) does
     * not.
     *
     * @param exit the exit status
     * @param err the error output
     * @param out the standard output
     * @return the problem, or empty when the command succeeded and reported none
     */
    static String problem(final int exit, final String err, final String out) {
        String line = "";
        for (final String text : List.of(err, out)) {
            for (final String candidate : text.split("\\R")) {
                if (line.isEmpty() && PROBLEM.matcher(candidate).matches()) {
                    line = candidate.strip();
                }
            }
        }
        if (line.length() > 240) {
            line = line.substring(0, 240) + "...";
        }
        if (exit != 0) {
            return "exit " + exit + (line.isEmpty() ? "" : ": " + line);
        }
        return line;
    }
}
