package dev.weft.jcstress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

/**
 * Runs weft's jcstress tests and fails the build when any of them failed: jcstress itself reports a forbidden
 * outcome or a broken test in its report but still exits with 0. Takes jcstress's own options (for example
 * {@code -m sanity}), prints one line per test and a closing {@code jcstress: N passed, N failed, N skipped} line,
 * and exits with 1 when a test saw a forbidden outcome or could not run, 2 when nothing ran at all.
 *
 * <p>A test with more actors than the machine has CPUs cannot be scheduled by jcstress; it is listed as skipped,
 * which does not fail the run (two-CPU machines skip the three-actor tests).
 */
public final class StressGate {

    private StressGate() {}

    /**
     * Runs the tests.
     *
     * @param args jcstress's options
     * @throws Exception if jcstress cannot run or its results cannot be read
     */
    public static void main(final String[] args) throws Exception {
        final Options options = new Options(args);
        if (!options.parse()) {
            System.exit(2);
        }
        final Path here = Path.of("").toAbsolutePath();
        final Set<Path> before = blobs(here);
        final JCStress stress = new JCStress(options);
        final SortedSet<String> tests = stress.getTests();
        try {
            stress.run();
        } catch (final AssertionError e) {
            // jcstress throws this after its report when an outcome was forbidden; the verdict lists those tests
        }
        final List<Path> fresh = new ArrayList<>();
        for (final Path blob : blobs(here)) {
            if (!before.contains(blob)) {
                fresh.add(blob);
            }
        }
        final InProcessCollector collector = new InProcessCollector();
        for (final Path blob : fresh) {
            final DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
            try {
                reader.dump();
            } finally {
                reader.close();
            }
        }
        System.exit(verdict(tests, collector));
    }

    private static int verdict(final SortedSet<String> tests, final InProcessCollector collector) {
        final TreeMap<String, List<String>> problems = new TreeMap<>();
        final TreeMap<String, Long> samples = new TreeMap<>();
        for (final TestResult result : collector.getTestResults()) {
            samples.merge(result.getName(), result.getTotalCount(), Long::sum);
            final List<String> mine = problems.computeIfAbsent(result.getName(), name -> new ArrayList<>());
            if (result.status() != Status.NORMAL) {
                mine.add("status " + result.status() + ": " + String.join(" | ", result.getMessages()));
            } else if (!result.grading().isPassed) {
                mine.add("forbidden outcome: " + String.join(" | ", result.grading().failureMessages));
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (final String test : tests) {
            final List<String> mine = problems.get(test);
            if (!samples.containsKey(test)) {
                skipped++;
                System.out.println("SKIPPED " + test + " (more actors than this machine's CPUs)");
            } else if (mine.isEmpty()) {
                passed++;
                System.out.println("PASSED  " + test + " (" + samples.get(test) + " samples)");
            } else {
                failed++;
                System.out.println("FAILED  " + test + " (" + samples.get(test) + " samples)");
                mine.stream().distinct().forEach(problem -> System.out.println("        " + problem));
            }
        }
        System.out.println("jcstress: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        if (failed > 0) {
            return 1;
        }
        return passed == 0 ? 2 : 0;
    }

    private static Set<Path> blobs(final Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            final TreeSet<Path> found = new TreeSet<>();
            files.filter(file -> {
                        final String name = file.getFileName().toString();
                        return name.startsWith("jcstress-results-") && name.endsWith(".bin.gz");
                    })
                    .forEach(found::add);
            return found;
        }
    }
}
