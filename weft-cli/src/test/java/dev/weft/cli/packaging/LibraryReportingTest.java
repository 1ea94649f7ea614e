package dev.weft.cli.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * weft's library modules report through {@link System.Logger} and their failure listeners only: no
 * {@code System.out}, no {@code System.err}, no {@code printStackTrace()} to standard error in their main sources.
 */
class LibraryReportingTest {

    private static final List<String> LIBRARY_MODULES =
            List.of("weft-core", "weft-process", "weft-rpc", "weft-micrometer");

    /** Standard output is the worker protocol's channel there, and standard error its log, which the scheduler reads.
     * */
    private static final Map<String, String> ALLOWED = Map.of(
            "WorkerMain.java",
            "the entry point of a worker process, whose standard error is the log the scheduler captures");

    private static final Pattern FORBIDDEN = Pattern.compile("System\\s*\\.\\s*(out|err)\\b|printStackTrace\\(\\s*\\)");

    @Test
    void libraryCodeNeverWritesToTheConsole() throws IOException {
        final List<String> offences = new ArrayList<>();
        for (String module : LIBRARY_MODULES) {
            final Path sources = Path.of("..", module, "src", "main", "java");
            assertThat(sources)
                    .as("the sources of %s, from %s", module, Path.of("").toAbsolutePath())
                    .isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (!ALLOWED.containsKey(file.getFileName().toString())) {
                        offences.addAll(offences(file));
                    }
                }
            }
        }
        assertThat(offences).as("library code must log through System.Logger").isEmpty();
    }

    @Test
    void theScanFindsWhatItForbids() {
        assertThat(FORBIDDEN.matcher("System.err.println(x);").find()).isTrue();
        assertThat(FORBIDDEN.matcher("e.printStackTrace();").find()).isTrue();
        assertThat(FORBIDDEN
                        .matcher("e.printStackTrace(new PrintWriter(trace));")
                        .find())
                .isFalse();
        assertThat(FORBIDDEN.matcher("System.getLogger(name)").find()).isFalse();
    }

    private static List<String> offences(final Path file) throws IOException {
        final List<String> found = new ArrayList<>();
        final List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            final String code = lines.get(i).strip();
            if (!code.startsWith("*")
                    && !code.startsWith("/*")
                    && !code.startsWith("//")
                    && FORBIDDEN.matcher(code).find()) {
                found.add(file + ":" + (i + 1) + ": " + code);
            }
        }
        return found;
    }
}
