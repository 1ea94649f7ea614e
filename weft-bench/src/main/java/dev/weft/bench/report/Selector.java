package dev.weft.bench.report;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Picks one figure out of a run's measurements: which measurement (by name, and for JMH by mode, thread count and
 * parameters, see {@link #matches}) and which of its metrics. Written as one line ({@link #parse}), for example
 * {@code rpc.RpcRequestBenchmark.request method=framework_get_reactors mode=sample threads=16 metric=p99}.
 * Immutable; bad input gets an {@link IllegalArgumentException} naming the selector and what is wrong.
 *
 * @param name the measurement name, or a prefix ending in {@code *}
 * @param mode the JMH mode, or empty for any
 * @param threads the JMH thread count, or 0 for "at most 1"
 * @param params the parameters that must match
 * @param metric the metric to read
 */
public record Selector(String name, String mode, int threads, SortedMap<String, String> params, String metric) {

    /**
     * Copies the parameters.
     *
     * @param name the name or prefix
     * @param mode the mode, or empty
     * @param threads the thread count, or 0
     * @param params the parameters
     * @param metric the metric
     * @throws IllegalArgumentException if the name or metric is blank or a part is null
     */
    public Selector {
        if (name == null || name.isBlank() || metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("a selector needs a measurement name and a metric");
        }
        if (mode == null || params == null) {
            throw new IllegalArgumentException("selector " + name + ": mode and params must not be null");
        }
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /**
     * Reads a selector from its one-line form, whitespace-separated: the measurement's name first (a trailing
     * {@code *} matches any name with that prefix), then {@code key=value} tokens. The keys {@code mode},
     * {@code threads} (a positive integer) and {@code metric} (default {@code score}) are reserved; every other key
     * is a JMH parameter.
     *
     * @param spec for example {@code reactor.WakeLatencyBenchmark.wake consumer=weftSleep metric=p50}
     * @return the selector
     * @throws IllegalArgumentException naming the spec and the token that is wrong
     */
    public static Selector parse(final String spec) {
        final String[] tokens = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty() || tokens[0].contains("=")) {
            throw new IllegalArgumentException("selector \"" + spec + "\" must start with a measurement name");
        }
        String mode = "";
        int threads = 0;
        String metric = "score";
        final SortedMap<String, String> params = new TreeMap<>();
        for (int i = 1; i < tokens.length; i++) {
            final int eq = tokens[i].indexOf('=');
            if (eq <= 0 || eq == tokens[i].length() - 1) {
                throw new IllegalArgumentException(
                        "selector \"" + spec + "\": token \"" + tokens[i] + "\" is not key=value");
            }
            final String key = tokens[i].substring(0, eq);
            final String value = tokens[i].substring(eq + 1);
            switch (key) {
                case "mode" -> mode = value;
                case "metric" -> metric = value;
                case "threads" -> threads = threads(spec, value);
                default -> params.put(key, value);
            }
        }
        return new Selector(tokens[0], mode, threads, params, metric);
    }

    private static int threads(final String spec, final String value) {
        try {
            final int threads = Integer.parseInt(value);
            if (threads < 1) {
                throw new NumberFormatException();
            }
            return threads;
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(
                    "selector \"" + spec + "\": threads=" + value + " is not a positive integer", e);
        }
    }

    /**
     * Whether a measurement is the one this selector names (the metric is not checked here): its name matches, its
     * mode equals the given mode (if one is given), its thread count equals the given count (or is at most 1 when none
     * is given, so that a run with {@code -t 16} is never mistaken for the single-threaded one), and it has every
     * given parameter with the given value. Parameters the selector does not name may have any value, so a benchmark
     * that gains a parameter keeps its rows.
     *
     * @param measurement a measurement of the run
     * @return true if it matches
     */
    public boolean matches(final Measurement measurement) {
        final boolean nameMatches = name.endsWith("*")
                ? measurement.name().startsWith(name.substring(0, name.length() - 1))
                : measurement.name().equals(name);
        if (!nameMatches || (!mode.isEmpty() && !mode.equals(measurement.mode()))) {
            return false;
        }
        if (threads == 0 ? measurement.threads() > 1 : measurement.threads() != threads) {
            return false;
        }
        for (final Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getValue().equals(measurement.params().get(param.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
