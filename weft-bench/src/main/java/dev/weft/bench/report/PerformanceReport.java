package dev.weft.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Generates {@code docs/PERFORMANCE.md}: measures every source of the {@link Plan} (or reads an earlier run's
 * directory), reads the figures ({@link JmhJson}, {@link MainOutput}, {@link DemoJson}), pairs them with the rows of
 * {@link Rows} ({@link Pairing}), and renders the report ({@link MarkdownReport}).
 *
 * <p>Options: {@code --quick} (the briefest settings, a smoke run); {@code --from DIR} (render an earlier run's
 * directory again without measuring); {@code --dir DIR} (where raw outputs go, default {@code
 * weft-bench/target/report}); {@code --out FILE} (default {@code docs/PERFORMANCE.md}); {@code --jar FILE} (default
 * {@code weft-bench/target/benchmarks.jar}); {@code --weft FILE} (default {@code ./weft}); {@code --only REGEX} (run
 * only the sources whose name matches); {@code --commit TEXT} and {@code --note TEXT} (recorded in the report); {@code --scaling FILE} (the scaling curves
 * to copy in, default {@code docs/SCALING.md}). Paths
 * are relative to the repository root, where {@code bench/report} runs it.
 */
public final class PerformanceReport {

    private PerformanceReport() {}

    /** The parsed command line. */
    private record Options(
            boolean quick,
            Optional<Path> from,
            Path dir,
            Path out,
            Path jar,
            Path weft,
            Pattern only,
            String commit,
            String note,
            Path scaling) {}

    /**
     * Runs the generator.
     *
     * @param args the options
     * @throws Exception if measuring or writing fails
     */
    public static void main(final String[] args) throws Exception {
        try {
            generate(parse(args));
        } catch (final IllegalArgumentException e) {
            System.err.println("bench/report: " + e.getMessage());
            System.err.println("usage: bench/report [--quick] [--from DIR] [--dir DIR] [--out FILE] [--jar FILE] "
                    + "[--weft FILE] [--only REGEX] [--commit TEXT] [--note TEXT] [--scaling FILE]");
            System.exit(2);
        }
    }

    private static void generate(final Options options) throws IOException, InterruptedException {
        final Path dir = options.from().orElse(options.dir());
        if (options.from().isEmpty()) {
            final List<Source> sources = Plan.sources().stream()
                    .filter(s -> options.only().matcher(s.name()).find())
                    .toList();
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("--only " + options.only() + " matches no source; sources are "
                        + Plan.sources().stream().map(Source::name).toList());
            }
            Measuring.run(sources, options.quick(), dir, options.jar(), options.weft(), options.commit());
        }
        final Path properties = dir.resolve("run.properties");
        if (!Files.isRegularFile(properties)) {
            throw new IllegalArgumentException(dir + " holds no run.properties: is it a run directory?");
        }
        final String report = render(dir, Environment.load(properties), options.note(), read(options.scaling()));
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report, StandardCharsets.UTF_8);
        System.out.println("wrote " + options.out());
    }

    /**
     * Reads a run directory and renders its report. Each source's problem is read again from its outputs (except a
     * source stopped at its time limit, which only the measuring run knew), so a re-rendering uses today's reading.
     *
     * @param dir the run directory
     * @param env the run's environment
     * @param note the note on circumstances, or empty
     * @param scaling the text of {@code docs/SCALING.md}, or empty
     * @return the Markdown text
     * @throws IOException if an output file cannot be read
     */
    static String render(final Path dir, final Environment env, final String note, final String scaling)
            throws IOException {
        final List<Measurement> measurements = new ArrayList<>();
        final List<SourceRun> runs = new ArrayList<>();
        Map<String, String> demoSettings = new LinkedHashMap<>();
        for (final SourceRun run : env.runs()) {
            final Optional<Source> source = Plan.sources().stream()
                    .filter(s -> s.name().equals(run.name()))
                    .findFirst();
            if (source.isEmpty()) {
                runs.add(new SourceRun(
                        run.name(),
                        run.command(),
                        run.exit(),
                        run.seconds(),
                        "no longer in the plan; its output was not read"));
                continue;
            }
            final String output = read(dir.resolve(run.name() + ".out"));
            final String problem = run.exit() == -1
                    ? run.problem()
                    : Measuring.problem(run.exit(), read(dir.resolve(run.name() + ".err")), output);
            try {
                measurements.addAll(source.get().read(output, read(dir.resolve(run.name() + ".json")), run.command()));
                if (source.get().kind() == Source.Kind.DEMO && !output.isBlank()) {
                    demoSettings = DemoJson.settings(output);
                }
                runs.add(new SourceRun(run.name(), run.command(), run.exit(), run.seconds(), problem));
            } catch (final IllegalArgumentException e) {
                runs.add(new SourceRun(
                        run.name(),
                        run.command(),
                        run.exit(),
                        run.seconds(),
                        (problem.isEmpty() ? "" : problem + "; ") + "output unreadable: " + e.getMessage()));
            }
        }
        final Environment read = new Environment(
                env.started(),
                env.finished(),
                env.cpuModel(),
                env.cpus(),
                env.memory(),
                env.kernel(),
                env.jdk(),
                env.jmhSettings(),
                env.quick(),
                env.loadBefore(),
                env.loadAfter(),
                env.othersCpuShare(),
                env.commit(),
                runs);
        return MarkdownReport.render(read, Pairing.pair(Rows.all(), measurements), demoSettings, note, scaling);
    }

    private static String read(final Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static Options parse(final String[] args) {
        final CommandLine line = CommandLine.parse(
                args,
                Set.of("--from", "--dir", "--out", "--jar", "--weft", "--only", "--commit", "--note", "--scaling"));
        return new Options(
                line.quick(),
                line.value("--from").map(Path::of),
                line.path("--dir", Path.of("weft-bench", "target", "report")),
                line.path("--out", Path.of("docs", "PERFORMANCE.md")),
                line.jar("bench/report"),
                line.path("--weft", Path.of("weft")).toAbsolutePath(),
                pattern(line.value("--only").orElse("")),
                line.value("--commit").orElse("unknown"),
                line.value("--note").orElse(""),
                line.path("--scaling", Path.of("docs", "SCALING.md")));
    }

    private static Pattern pattern(final String regex) {
        try {
            return Pattern.compile(regex);
        } catch (final PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "--only " + regex + " is not a regular expression: " + e.getDescription(), e);
        }
    }
}
