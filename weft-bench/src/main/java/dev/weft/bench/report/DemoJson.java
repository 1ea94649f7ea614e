package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the object {@code weft demo --json} prints into measurements.
 *
 * <p>Each part of the demo's report that is an object of figures ({@code mediaWeft}, {@code mediaPlain}, {@code
 * echoWeft}, {@code echoPlain}, {@code batch}, {@code processes}, and any part added later) becomes the measurement
 * {@code demo.<part>}, with its numeric fields (and booleans, as 1 or 0) as metrics. Units follow the field names:
 * {@code ...Micros} microseconds, {@code ...Nanos} nanoseconds, {@code cpuMillisPerSession} milliseconds of CPU per
 * second, {@code treesPerSecond} trees per second; anything else is a count. Two parts are not measurements and are
 * skipped: {@code profile} (the load, which the environment section states) and {@code targets} (the demo's own
 * verdicts, which this report recomputes from the figures). Text fields are skipped.
 */
public final class DemoJson {

    private static final Set<String> NOT_MEASUREMENTS = Set.of("profile", "targets");

    private DemoJson() {}

    /**
     * Parses the demo's JSON.
     *
     * @param json what {@code weft demo --json} printed
     * @param command the command that printed it
     * @return one measurement per part
     * @throws IllegalArgumentException if the text holds no JSON object, naming the problem
     */
    public static List<Measurement> parse(final String json, final String command) {
        final JsonNode root = root(json);
        final List<Measurement> measurements = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> part : root.properties()) {
            if (part.getValue().isObject() && !NOT_MEASUREMENTS.contains(part.getKey())) {
                final Map<String, Figure> metrics = new LinkedHashMap<>();
                for (final Map.Entry<String, JsonNode> field : part.getValue().properties()) {
                    final JsonNode value = field.getValue();
                    if (value.isNumber()) {
                        metrics.put(field.getKey(), Figure.of(value.doubleValue(), unit(field.getKey())));
                    } else if (value.isBoolean()) {
                        metrics.put(field.getKey(), Figure.of(value.booleanValue() ? 1 : 0, "1 = yes"));
                    }
                }
                measurements.add(Measurement.plain("demo." + part.getKey(), metrics, command));
            }
        }
        return measurements;
    }

    /**
     * The demo's settings and load profile, for the environment section: its top-level numbers and the profile's.
     *
     * @param json what {@code weft demo --json} printed
     * @return field name to value as text, for example {@code sessions=8}, {@code profile.packetsPerSecond=250}
     */
    public static Map<String, String> settings(final String json) {
        final JsonNode root = root(json);
        final Map<String, String> settings = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getValue().isNumber()) {
                settings.put(field.getKey(), Numbers.format(field.getValue().doubleValue()));
            }
        }
        for (final Map.Entry<String, JsonNode> field : root.path("profile").properties()) {
            settings.put("profile." + field.getKey(), field.getValue().asString());
        }
        return settings;
    }

    private static JsonNode root(final String json) {
        final int start = json.indexOf('{');
        if (start < 0) {
            throw new IllegalArgumentException("weft demo --json printed no JSON object");
        }
        try {
            final JsonNode root = JsonMapper.builder().build().readTree(json.substring(start));
            if (!root.isObject()) {
                throw new IllegalArgumentException("weft demo --json printed no JSON object");
            }
            return root;
        } catch (final JacksonException e) {
            throw new IllegalArgumentException("weft demo --json printed invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String unit(final String field) {
        if (field.endsWith("Micros")) {
            return "us";
        }
        if (field.endsWith("Nanos")) {
            return "ns";
        }
        if (field.equals("cpuMillisPerSession")) {
            return "ms CPU/s";
        }
        if (field.endsWith("PerSecond")) {
            return field.substring(0, field.length() - "PerSecond".length()) + "/s";
        }
        return "";
    }
}
