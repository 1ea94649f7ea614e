package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The command that reproduces a row's figures, run from the repository root after {@code bench/report} (or {@code
 * mvn -pl weft-bench -am package}) has built the jar.
 *
 * <p>Two JMH results taken with the same settings are reproduced by one JMH command: an include pattern naming both
 * methods, {@code -p} for each parameter with the values both used, {@code -bm} and {@code -t} as they ran, then the
 * settings. A main's or the demo's figures are reproduced by the command that printed them; a row whose two figures
 * came from different commands lists both.
 */
final class Reproduce {

    /** The prefix of every JMH command: the shaded jar with native access allowed. */
    static final String JMH = "java --enable-native-access=ALL-UNNAMED -jar weft-bench/target/benchmarks.jar";

    /** The package every benchmark lives under, which measurement names leave out. */
    static final String PACKAGE = "dev.weft.bench.";

    /** The JVM option that lets strands carry virtual threads, which the benchmark mains are given. */
    static final String VTHREAD_ACCESS = "--add-opens java.base/java.lang=ALL-UNNAMED";

    private Reproduce() {}

    /**
     * The JMH command for some results taken with the same settings.
     *
     * @param results the results, at least one, all JMH with the settings of the first
     * @return the command
     */
    static String jmh(final List<Measurement> results) {
        final Map<String, Set<String>> methodsByClass = new TreeMap<>();
        final SortedMap<String, Set<String>> params = new TreeMap<>();
        final Set<String> modes = new LinkedHashSet<>();
        final Set<Integer> threads = new LinkedHashSet<>();
        for (final Measurement result : results) {
            final int dot = result.name().lastIndexOf('.');
            methodsByClass
                    .computeIfAbsent(result.name().substring(0, dot), k -> new LinkedHashSet<>())
                    .add(result.name().substring(dot + 1));
            result.params()
                    .forEach((key, value) -> params.computeIfAbsent(key, k -> new LinkedHashSet<>())
                            .add(value));
            modes.add(result.mode());
            threads.add(result.threads());
        }
        final List<String> includes = new ArrayList<>();
        methodsByClass.forEach((type, methods) -> includes.add(PACKAGE + type + "."
                + (methods.size() == 1 ? methods.iterator().next() : "(" + String.join("|", methods) + ")") + "$"));
        final StringBuilder command = new StringBuilder(JMH)
                .append(" '")
                .append(includes.size() == 1 ? includes.getFirst() : String.join("|", includes))
                .append('\'');
        params.forEach(
                (key, values) -> command.append(" -p ").append(key).append('=').append(String.join(",", values)));
        command.append(" -bm ").append(String.join(",", modes));
        threads.stream().filter(t -> t > 1).forEach(t -> command.append(" -t ").append(t));
        return command.append(' ').append(results.getFirst().settings()).toString();
    }

    /**
     * The command for a row's figures.
     *
     * @param weft the measurement of weft's figure
     * @param anchor the measurement of the anchor's figure, or null when there is none
     * @return the command (two joined with {@code ;} when they differ)
     */
    static String of(final Measurement weft, final Measurement anchor) {
        if (anchor == null || anchor.command().equals(weft.command())) {
            return weft.command();
        }
        if (weft.isJmh()
                && anchor.isJmh()
                && weft.settings().equals(anchor.settings())
                && weft.threads() == anchor.threads()) {
            return jmh(List.of(weft, anchor));
        }
        return weft.command() + " ; " + anchor.command();
    }
}
