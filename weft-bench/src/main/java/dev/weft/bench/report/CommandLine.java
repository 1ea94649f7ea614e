package dev.weft.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of a generator ({@link PerformanceReport}, {@link ScalingReport}): the flag {@code --quick} and
 * options written {@code --name value}. An unknown option, an option without its value or a stray argument gets an
 * {@link IllegalArgumentException} naming it.
 */
final class CommandLine {

    private final boolean quick;
    private final Map<String, String> values;

    private CommandLine(final boolean quick, final Map<String, String> values) {
        this.quick = quick;
        this.values = values;
    }

    /**
     * Reads the arguments.
     *
     * @param args the arguments
     * @param options the names of the options that take a value, with their dashes
     * @return the command line
     * @throws IllegalArgumentException naming an unknown option, one without its value, or a stray argument
     */
    static CommandLine parse(final String[] args, final Set<String> options) {
        boolean quick = false;
        final Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            final String option = args[i];
            if (option.equals("--quick")) {
                quick = true;
                continue;
            }
            if (!options.contains(option)) {
                throw new IllegalArgumentException(
                        option.startsWith("--") ? "unknown option " + option : "unexpected argument " + option);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            values.put(option, args[++i]);
        }
        return new CommandLine(quick, values);
    }

    boolean quick() {
        return quick;
    }

    Optional<String> value(final String option) {
        return Optional.ofNullable(values.get(option));
    }

    Path path(final String option, final Path otherwise) {
        return value(option).map(Path::of).orElse(otherwise);
    }

    /**
     * The benchmarks jar a measuring run needs, from {@code --jar} or its default.
     *
     * @param script the script that builds it, for the message
     * @return the jar's path
     * @throws IllegalArgumentException if the run measures ({@code --from} is absent) and the jar is missing
     */
    Path jar(final String script) {
        final Path jar = path("--jar", Path.of("weft-bench", "target", "benchmarks.jar"));
        if (value("--from").isEmpty() && !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no benchmarks jar at " + jar + "; build it with mvn -pl weft-bench "
                    + "-am package -DskipTests (" + script + " does)");
        }
        return jar;
    }
}
