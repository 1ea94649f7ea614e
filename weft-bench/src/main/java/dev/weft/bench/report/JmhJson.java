package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON result file JMH writes with {@code -rf json -rff FILE} into measurements.
 *
 * <p>JMH writes an array with one object per benchmark, mode and parameter set: {@code benchmark} (the full method
 * name), {@code mode}, {@code threads}, {@code params}, the run settings ({@code forks}, {@code warmupIterations},
 * {@code warmupTime} as {@code "1 s"}, ...), and {@code primaryMetric} with {@code score}, {@code scoreError}, {@code
 * scoreUnit} and {@code scorePercentiles} keyed {@code "50.0"}, {@code "99.0"}, .... Numbers it cannot compute are
 * written as the string {@code "NaN"}; {@code rawData} holds each fork's iteration scores. Each object becomes one
 * measurement whose metrics are {@code score} (from several forks, the median of the forks' means; see
 * {@link Figure}), in sample
 * mode the latency percentiles ({@code min p50 p90 p95 p99 p99.9 p99.99 max}; in other modes the percentiles are of
 * iteration scores and are left out), and the secondary metrics under their names except sample mode's own
 * {@code p0.50}-style copies of the percentiles. The settings are kept as the command-line options that reproduce
 * them.
 */
public final class JmhJson {

    private static final Map<String, String> PERCENTILES = percentiles();

    private JmhJson() {}

    private static Map<String, String> percentiles() {
        final Map<String, String> names = new LinkedHashMap<>();
        names.put("0.0", "min");
        names.put("50.0", "p50");
        names.put("90.0", "p90");
        names.put("95.0", "p95");
        names.put("99.0", "p99");
        names.put("99.9", "p99.9");
        names.put("99.99", "p99.99");
        names.put("100.0", "max");
        return names;
    }

    /**
     * Parses one JMH JSON result file's text.
     *
     * @param json the file's text
     * @return one measurement per result, in file order (none for an empty file, as JMH leaves when nothing ran)
     * @throws IllegalArgumentException if the text is not JMH's JSON, naming what is wrong
     */
    public static List<Measurement> parse(final String json) {
        if (json.isBlank()) {
            return List.of();
        }
        final JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(json);
        } catch (final JacksonException e) {
            throw new IllegalArgumentException("JMH result file is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("JMH result file must hold a JSON array, not " + root.getNodeType());
        }
        final List<Measurement> measurements = new ArrayList<>();
        for (final JsonNode result : root.values()) {
            measurements.add(measurement(result));
        }
        return measurements;
    }

    private static Measurement measurement(final JsonNode result) {
        final String benchmark = text(result, "benchmark");
        final String name =
                benchmark.startsWith(Reproduce.PACKAGE) ? benchmark.substring(Reproduce.PACKAGE.length()) : benchmark;
        final String mode = text(result, "mode");
        final JsonNode primary = result.path("primaryMetric");
        if (!primary.isObject()) {
            throw new IllegalArgumentException("JMH result " + benchmark + " has no primaryMetric");
        }
        final String unit = primary.path("scoreUnit").asString("");
        final Map<String, Figure> metrics = new LinkedHashMap<>();
        metrics.put("score", score(primary, mode, unit));
        if ("sample".equals(mode)) {
            final JsonNode percentiles = primary.path("scorePercentiles");
            PERCENTILES.forEach((key, metric) -> {
                if (percentiles.has(key)) {
                    metrics.put(metric, Figure.of(number(percentiles.get(key)), unit));
                }
            });
        }
        for (final Map.Entry<String, JsonNode> secondary :
                result.path("secondaryMetrics").properties()) {
            if (!secondary.getKey().matches("p\\d.*")) {
                final JsonNode metric = secondary.getValue();
                metrics.put(
                        secondary.getKey(),
                        new Figure(
                                number(metric.path("score")),
                                number(metric.path("scoreError")),
                                metric.path("scoreUnit").asString("")));
            }
        }
        final Map<String, String> params = new TreeMap<>();
        for (final Map.Entry<String, JsonNode> param : result.path("params").properties()) {
            params.put(param.getKey(), param.getValue().asString());
        }
        final String settings = settings(result);
        final Measurement bare = new Measurement(
                name, mode, result.path("threads").asInt(1), new TreeMap<>(params), metrics, settings, "-");
        return new Measurement(
                name, mode, bare.threads(), bare.params(), metrics, settings, Reproduce.jmh(List.of(bare)));
    }

    /**
     * The primary score: JMH's own from one fork; from several, the median of the forks' means, each kept as a run.
     * The error stays JMH's, over every iteration of every fork. Sample mode's score is left as JMH gives it.
     */
    private static Figure score(final JsonNode primary, final String mode, final String unit) {
        final double score = number(primary.path("score"));
        final double error = number(primary.path("scoreError"));
        if ("sample".equals(mode)) {
            return new Figure(score, error, unit);
        }
        final List<Double> runs = new ArrayList<>();
        for (final JsonNode fork : primary.path("rawData").values()) {
            double sum = 0;
            int iterations = 0;
            for (final JsonNode iteration : fork.values()) {
                sum += number(iteration);
                iterations++;
            }
            if (iterations > 0) {
                runs.add(sum / iterations);
            }
        }
        return runs.size() < 2 ? new Figure(score, error, unit) : new Figure(Numbers.median(runs), error, unit, runs);
    }

    private static String settings(final JsonNode result) {
        final StringBuilder settings = new StringBuilder("-f ")
                .append(result.path("forks").asInt(1))
                .append(" -wi ")
                .append(result.path("warmupIterations").asInt(0))
                .append(" -i ")
                .append(result.path("measurementIterations").asInt(1));
        final String warmup = result.path("warmupTime").asString("");
        final String measurement = result.path("measurementTime").asString("");
        if (!warmup.isEmpty() && !warmup.startsWith("single")) {
            settings.append(" -w ").append(warmup.replace(" ", ""));
        }
        if (!measurement.isEmpty() && !measurement.startsWith("single")) {
            settings.append(" -r ").append(measurement.replace(" ", ""));
        }
        return settings.toString();
    }

    private static String text(final JsonNode result, final String field) {
        final JsonNode value = result.get(field);
        if (value == null || !value.isString() || value.stringValue().isBlank()) {
            throw new IllegalArgumentException("JMH result has no \"" + field + "\": " + abbreviate(result));
        }
        return value.stringValue();
    }

    private static double number(final JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            try {
                return Numbers.parse(value.stringValue());
            } catch (final NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static String abbreviate(final JsonNode node) {
        final String text = node.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
