package dev.weft.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: no source, document, build file or script refers to material outside it (a
 * design map or seed documents beside the repository, numbered seeds, numbered issues), so a clone of the
 * repository is all a reader needs. The design map is {@code docs/ARCHITECTURE.md}; code and docs name behaviours
 * and the upstream systems (MTL, SPDK, OpenPerf, GTS, Pantavisor) instead.
 */
class SelfContainedRepositoryTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", "node_modules");
    private static final Set<String> TEXT_EXTENSIONS =
            Set.of("java", "md", "xml", "sh", "py", "json", "yml", "yaml", "properties", "txt");
    private static final Pattern OUTSIDE_REFERENCE = Pattern.compile(
            "(?i)\\bseeds?[ _-]?[0-9]{3}\\b" // a numbered seed document
                    + "|\\.\\./shared\\b" // the directory beside the repository
                    + "|\\bshared/(?:seeds|reference)\\b"
                    + "|\\b(?:DESIGN|UPSTREAM|BENCHMARKS)\\.md\\b" // documents that live outside the repository
                    + "|\\bissues? #?[0-9]+\\b"); // a numbered issue of the tracker

    @Test
    void noFileRefersToMaterialOutsideTheRepository() throws IOException {
        final List<String> found = new ArrayList<>();
        for (final Path file : scannedFiles()) {
            final List<String> lines = Files.readAllLines(file, UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                final Matcher matcher = OUTSIDE_REFERENCE.matcher(lines.get(i));
                if (matcher.find()) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + ": \"" + matcher.group() + "\"");
                }
            }
        }
        assertThat(found)
                .as("references to material outside the repository (name the behaviour or the upstream "
                        + "system instead, and see docs/ARCHITECTURE.md)")
                .isEmpty();
    }

    @Test
    void theScanSeesTheSourcesDocsAndScripts() throws IOException {
        final List<String> scanned = scannedFiles().stream()
                .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                .toList();
        assertThat(scanned)
                .contains(
                        "README.md",
                        "docs/ARCHITECTURE.md",
                        "pom.xml",
                        "weft",
                        ".ci/run",
                        "weft-core/src/main/java/dev/weft/reactor/Reactor.java",
                        "weft-cli/src/main/java/dev/weft/cli/demo/DemoReport.java");
        assertThat(scanned).noneMatch(file -> file.contains("/target/"));
    }

    @Test
    void thePatternCatchesEachKindOfReference() {
        // each example is split so that this file does not match itself
        for (final String line : List.of(
                "as seed " + "003 says",
                "(seeds " + "000, 001)",
                "see .." + "/shared/x",
                "shared/" + "seeds/000",
                "the map is DESIGN" + ".md",
                "Target (issue " + "6): fast",
                "issues " + "3 to 8")) {
            assertThat(OUTSIDE_REFERENCE.matcher(line).find()).as(line).isTrue();
        }
        for (final String line :
                List.of("the root seed", "seed 42", "issue tracking", "docs/ARCHITECTURE.md", "shared queues")) {
            assertThat(OUTSIDE_REFERENCE.matcher(line).find()).as(line).isFalse();
        }
    }

    /** The repository's text files outside build output: by extension, or a script by its {@code #!} line. */
    private static List<Path> scannedFiles() throws IOException {
        final List<Path> files = new ArrayList<>();
        Files.walkFileTree(ROOT, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(final Path dir, final BasicFileAttributes attributes) {
                return SKIPPED_DIRECTORIES.contains(dir.getFileName().toString()) && !dir.equals(ROOT)
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && isText(file)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static boolean isText(final Path file) {
        final String name = file.getFileName().toString();
        final int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return TEXT_EXTENSIONS.contains(name.substring(dot + 1));
        }
        try (var in = Files.newInputStream(file)) {
            final byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
