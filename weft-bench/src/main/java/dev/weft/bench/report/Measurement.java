package dev.weft.bench.report;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One thing a run measured, with all the figures it gave: a JMH result (one method, one set of parameters, one mode,
 * one thread count; named after {@code dev.weft.bench.}, as {@code fork.FibBenchmark.forkJoinPool}, with metrics
 * {@code score}, sample mode's percentiles and the secondary metrics), one scenario a benchmark main printed
 * ({@code idle.weft-sleep}) or one part of the demo's JSON ({@code demo.mediaWeft}). Immutable; a blank name or a
 * null part gets an {@link IllegalArgumentException}.
 *
 * @param name the measurement's name
 * @param mode JMH's mode ({@code avgt}, {@code thrpt}, {@code sample}, {@code ss}), empty outside JMH
 * @param threads JMH's thread count, 0 outside JMH
 * @param params JMH's parameters, empty outside JMH
 * @param metrics the figures by metric name
 * @param settings JMH's settings as options ({@code -f 1 -wi 3 -i 5}), empty outside JMH; two results with the same
 *     settings are reproduced by one JMH command
 * @param command the command that reproduces this measurement
 */
public record Measurement(
        String name,
        String mode,
        int threads,
        SortedMap<String, String> params,
        Map<String, Figure> metrics,
        String settings,
        String command) {

    /**
     * Copies the maps and checks the name.
     *
     * @param name the name
     * @param mode the mode, empty outside JMH
     * @param threads the thread count, 0 outside JMH
     * @param params the parameters
     * @param metrics the figures
     * @param settings JMH's settings, empty outside JMH
     * @param command the reproducing command
     * @throws IllegalArgumentException if the name is blank or a part is null
     */
    public Measurement {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a measurement needs a name");
        }
        if (mode == null || params == null || metrics == null || settings == null || command == null) {
            throw new IllegalArgumentException(
                    "measurement " + name + ": mode, params, metrics, settings and " + "command must not be null");
        }
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        metrics = Map.copyOf(metrics);
    }

    /**
     * A measurement from outside JMH: no mode, threads or parameters.
     *
     * @param name the name
     * @param metrics the figures
     * @param command the reproducing command
     * @return the measurement
     */
    public static Measurement plain(final String name, final Map<String, Figure> metrics, final String command) {
        return new Measurement(name, "", 0, new TreeMap<>(), metrics, "", command);
    }

    /**
     * Whether this is a JMH result.
     *
     * @return true if it has JMH settings
     */
    public boolean isJmh() {
        return !settings.isEmpty();
    }

    /**
     * The name with the mode, thread count and parameters that tell it apart, as the report lists it, for example
     * {@code fork.FibBenchmark.forkJoinPool avgt n=30 workers=2}.
     *
     * @return the label
     */
    public String label() {
        final StringBuilder label = new StringBuilder(name);
        if (!mode.isEmpty()) {
            label.append(" mode=").append(mode);
        }
        if (threads > 1) {
            label.append(" threads=").append(threads);
        }
        params.forEach((key, value) -> label.append(' ').append(key).append('=').append(value));
        return label.toString();
    }
}
