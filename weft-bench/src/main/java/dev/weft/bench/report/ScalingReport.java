package dev.weft.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Generates {@code docs/SCALING.md}: measures the {@link Scaling} sources on this machine (or reads an earlier run's
 * directory) and renders the curves. {@code bench/report} copies them into {@code docs/PERFORMANCE.md}.
 *
 * <p>Options: {@code --quick} (fib(25) and UTS T1 at the briefest settings, a smoke run); {@code --from DIR} (render an
 * earlier run again); {@code --dir DIR} (raw outputs, default {@code weft-bench/target/scaling}); {@code --out FILE}
 * (default {@code docs/SCALING.md}); {@code --jar FILE}; {@code --most-workers N} (measure at most N workers, default
 * this machine's CPU count up to 16); {@code --commit TEXT}.
 */
public final class ScalingReport {

    private ScalingReport() {}

    /** The parsed command line. */
    private record Options(
            boolean quick, Optional<Path> from, Path dir, Path out, Path jar, int mostWorkers, String commit) {}

    /**
     * Runs the generator.
     *
     * @param args the options
     * @throws Exception if measuring or writing fails
     */
    public static void main(final String[] args) throws Exception {
        final Options options;
        try {
            options = parse(args);
        } catch (final IllegalArgumentException e) {
            System.err.println("bench/scaling: " + e.getMessage());
            System.err.println("usage: bench/scaling [--quick] [--from DIR] [--dir DIR] [--out FILE] [--jar FILE] "
                    + "[--most-workers N] [--commit TEXT]");
            System.exit(2);
            return;
        }
        final Path dir = options.from().orElse(options.dir());
        if (options.from().isEmpty()) {
            final List<Integer> workers = Scaling.workerCounts(options.mostWorkers());
            System.out.println("bench/scaling: workers " + workers + " on "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
            Measuring.run(
                    Scaling.sources(workers),
                    options.quick(),
                    dir,
                    options.jar(),
                    Path.of("weft").toAbsolutePath(),
                    options.commit());
        }
        final Path properties = dir.resolve("run.properties");
        if (!Files.isRegularFile(properties)) {
            System.err.println("bench/scaling: " + dir + " holds no run.properties: is it a run directory?");
            System.exit(2);
        }
        final String text = render(dir, Environment.load(properties));
        final Path parent = options.out().toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(options.out(), text, StandardCharsets.UTF_8);
        System.out.println("wrote " + options.out());
    }

    /**
     * Reads a scaling run's directory and renders it.
     *
     * @param dir the run directory
     * @param env the run's environment
     * @return the Markdown text
     * @throws IOException if a result file cannot be read
     */
    static String render(final Path dir, final Environment env) throws IOException {
        final List<Measurement> measurements = new ArrayList<>();
        for (final SourceRun run : env.runs()) {
            final Path json = dir.resolve(run.name() + ".json");
            if (Files.isRegularFile(json)) {
                measurements.addAll(JmhJson.parse(Files.readString(json, StandardCharsets.UTF_8)));
            }
        }
        return Scaling.render(env, measurements);
    }

    private static Options parse(final String[] args) {
        final CommandLine line =
                CommandLine.parse(args, Set.of("--from", "--dir", "--out", "--jar", "--most-workers", "--commit"));
        return new Options(
                line.quick(),
                line.value("--from").map(Path::of),
                line.path("--dir", Path.of("weft-bench", "target", "scaling")),
                line.path("--out", Path.of("docs", "SCALING.md")),
                line.jar("bench/scaling"),
                line.value("--most-workers")
                        .map(ScalingReport::workers)
                        .orElse(Math.min(Runtime.getRuntime().availableProcessors(), Scaling.MOST_WORKERS)),
                line.value("--commit").orElse("unknown"));
    }

    private static int workers(final String value) {
        try {
            final int workers = Integer.parseInt(value);
            if (workers >= 1 && workers <= Scaling.MOST_WORKERS) {
                return workers;
            }
        } catch (final NumberFormatException e) {
            // reported below with the bounds
        }
        throw new IllegalArgumentException(
                "--most-workers " + value + " is not a whole number from 1 to " + Scaling.MOST_WORKERS);
    }
}
