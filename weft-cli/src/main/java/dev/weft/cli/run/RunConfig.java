package dev.weft.cli.run;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Tasklet;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code weft run} starts, read from a JSON document:
 * <pre>{@code
 * {"reactors": {"count": 2, "mode": "interrupt", "pinned": false, "watchdog_ms": 100},
 *  "strands": [{"name": "io", "reactor": 0, "cpumask": "1", "weight": 1.0,
 *               "tasklets": ["dev.weft.cli.run.Heartbeat"]}],
 *  "pool": {"workers": 2},
 *  "processes": {"workers": 1},
 *  "balancer": {"name": "dynamic", "period_us": 1000000, "governor": "simulated"},
 *  "status_interval_s": 5}
 * }</pre>
 * Every key is optional. The parser walks the tree once, checks every field's type and range and refuses unknown
 * keys, so a mistake is reported with the path of the field that holds it ({@link ConfigException}) before anything
 * starts. Tasklet classes are loaded and checked (a concrete {@link Tasklet} with a public no-argument constructor)
 * at parse time too.
 *
 * @param reactorCount how many reactors, empty for one per allowed CPU
 * @param mode the mode every reactor starts in
 * @param pinned whether reactors are pinned to their CPUs
 * @param watchdog the watchdog threshold, zero for none
 * @param strands the strands to start
 * @param poolWorkers the size of a micro-scheduler worker pool, empty for none
 * @param processWorkers the number of process workers (0 runs tasks inline), empty for no process scheduler
 * @param balancer the balancing round's settings ({@link BalancerConfig})
 * @param statusInterval how often to print a status line
 */
public record RunConfig(
        OptionalInt reactorCount,
        ReactorMode mode,
        boolean pinned,
        Duration watchdog,
        List<StrandConfig> strands,
        OptionalInt poolWorkers,
        OptionalInt processWorkers,
        BalancerConfig balancer,
        Duration statusInterval) {

    /**
     * One strand to start.
     *
     * @param name its name
     * @param reactor the index of the reactor to place it on, empty to let placement choose
     * @param cpuMask its CPU mask, if any
     * @param weight its placement weight
     * @param tasklets the tasklet classes, one instance each
     */
    public record StrandConfig(
            String name,
            OptionalInt reactor,
            Optional<CpuSet> cpuMask,
            double weight,
            List<Class<? extends Tasklet>> tasklets) {

        /**
         * Copies the list.
         *
         * @param name its name
         * @param reactor the reactor index, if any
         * @param cpuMask its CPU mask, if any
         * @param weight its placement weight
         * @param tasklets the tasklet classes
         */
        public StrandConfig {
            tasklets = List.copyOf(tasklets);
        }
    }

    /** The largest configuration file read, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * Copies the list.
     *
     * @param reactorCount how many reactors, if set
     * @param mode the start mode
     * @param pinned whether to pin
     * @param watchdog the watchdog threshold
     * @param strands the strands
     * @param poolWorkers the pool size, if any
     * @param processWorkers the process workers, if any
     * @param balancer the balancing settings
     * @param statusInterval the status interval
     */
    public RunConfig {
        strands = List.copyOf(strands);
    }

    /**
     * Returns the configuration used without a file: one reactor per allowed CPU in interrupt mode, one strand running
     * the {@link Heartbeat} tasklet, no worker pool and no process scheduler, a status line every 5 s.
     *
     * @return the default configuration
     */
    public static RunConfig defaults() {
        return new RunConfig(
                OptionalInt.empty(),
                ReactorMode.INTERRUPT,
                false,
                Duration.ofMillis(100),
                List.of(new StrandConfig(
                        "heartbeat", OptionalInt.empty(), Optional.empty(), 1.0, List.of(Heartbeat.class))),
                OptionalInt.empty(),
                OptionalInt.empty(),
                BalancerConfig.defaults(),
                Duration.ofSeconds(5));
    }

    /**
     * Reads a configuration file.
     *
     * @param file the JSON file
     * @return the configuration
     * @throws ConfigException naming the offending field, or {@code $} when the file is unreadable, not a regular
     *     file, over {@link #MAX_BYTES} or not JSON
     */
    public static RunConfig read(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    "$",
                    "cannot read " + file + ": " + (Files.exists(file) ? "it is not a regular file" : "no such file"));
        }
        final String text;
        try (InputStream in = Files.newInputStream(file)) {
            final byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ConfigException(
                        "$",
                        "cannot read " + file + ": it is over " + MAX_BYTES
                                + " bytes, the most a configuration may have");
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new ConfigException("$", "cannot read " + file + ": " + e.getMessage());
        }
        final JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (final JacksonException e) {
            throw new ConfigException("$", "not valid JSON: " + e.getOriginalMessage());
        }
        return parse(root);
    }

    /**
     * Builds a configuration from a parsed document.
     *
     * @param root the document
     * @return the configuration
     * @throws ConfigException naming the offending field
     */
    public static RunConfig parse(final JsonNode root) {
        object(root, "$", Set.of("reactors", "strands", "pool", "processes", "balancer", "status_interval_s"));
        final RunConfig base = defaults();
        OptionalInt count = OptionalInt.empty();
        ReactorMode mode = base.mode();
        boolean pinned = false;
        Duration watchdog = base.watchdog();
        final JsonNode reactors = root.get("reactors");
        if (reactors != null) {
            object(reactors, "reactors", Set.of("count", "mode", "pinned", "watchdog_ms"));
            if (reactors.has("count")) {
                count = OptionalInt.of(intIn(reactors.get("count"), "reactors.count", 1, 1024));
            }
            if (reactors.has("mode")) {
                mode = mode(reactors.get("mode"), "reactors.mode");
            }
            if (reactors.has("pinned")) {
                if (!reactors.get("pinned").isBoolean()) {
                    throw new ConfigException("reactors.pinned", "must be true or false");
                }
                pinned = reactors.get("pinned").asBoolean();
            }
            if (reactors.has("watchdog_ms")) {
                watchdog = Duration.ofMillis(intIn(reactors.get("watchdog_ms"), "reactors.watchdog_ms", 0, 3_600_000));
            }
        }
        final List<StrandConfig> strands = root.has("strands") ? strands(root.get("strands"), count) : base.strands();
        OptionalInt pool = OptionalInt.empty();
        if (root.has("pool")) {
            object(root.get("pool"), "pool", Set.of("workers"));
            pool = OptionalInt.of(intIn(root.get("pool").path("workers"), "pool.workers", 1, 1024));
        }
        OptionalInt processes = OptionalInt.empty();
        if (root.has("processes")) {
            object(root.get("processes"), "processes", Set.of("workers"));
            processes = OptionalInt.of(intIn(root.get("processes").path("workers"), "processes.workers", 0, 256));
        }
        final BalancerConfig balancer =
                root.has("balancer") ? BalancerConfig.parse(root.get("balancer"), count) : base.balancer();
        Duration status = base.statusInterval();
        if (root.has("status_interval_s")) {
            status = Duration.ofSeconds(intIn(root.get("status_interval_s"), "status_interval_s", 1, 3600));
        }
        return new RunConfig(count, mode, pinned, watchdog, strands, pool, processes, balancer, status);
    }

    private static List<StrandConfig> strands(final JsonNode node, final OptionalInt reactorCount) {
        if (!node.isArray()) {
            throw new ConfigException("strands", "must be an array of strand objects");
        }
        final List<StrandConfig> strands = new ArrayList<>();
        final Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            final String at = "strands[" + i + "]";
            final JsonNode strand = node.get(i);
            object(strand, at, Set.of("name", "reactor", "cpumask", "weight", "tasklets"));
            final JsonNode name = strand.get("name");
            if (name == null || !name.isString() || name.asString().isBlank()) {
                throw new ConfigException(at + ".name", "must be a non-blank string");
            }
            if (!names.add(name.asString())) {
                throw new ConfigException(at + ".name", "'" + name.asString() + "' names an earlier strand too");
            }
            OptionalInt reactor = OptionalInt.empty();
            if (strand.has("reactor")) {
                final int max = reactorCount.isPresent() ? reactorCount.getAsInt() - 1 : 1023;
                reactor = OptionalInt.of(intIn(strand.get("reactor"), at + ".reactor", 0, max));
            }
            Optional<CpuSet> mask = Optional.empty();
            if (strand.has("cpumask")) {
                final JsonNode text = strand.get("cpumask");
                try {
                    mask = Optional.of(CpuSet.parseMask(text.isString() ? text.asString() : ""));
                } catch (final IllegalArgumentException e) {
                    throw new ConfigException(
                            at + ".cpumask", "must be an SPDK CPU mask such as \"3\" or \"[0-1]\": " + e.getMessage());
                }
                if (mask.get().isEmpty()) {
                    throw new ConfigException(at + ".cpumask", "is empty");
                }
            }
            double weight = 1.0;
            if (strand.has("weight")) {
                final JsonNode value = strand.get("weight");
                if (!value.isNumber() || !(value.asDouble() >= 0) || Double.isInfinite(value.asDouble())) {
                    throw new ConfigException(at + ".weight", "must be a finite number >= 0");
                }
                weight = value.asDouble();
            }
            final List<Class<? extends Tasklet>> tasklets = new ArrayList<>();
            final JsonNode list = strand.get("tasklets");
            if (list != null) {
                if (!list.isArray()) {
                    throw new ConfigException(at + ".tasklets", "must be an array of class names");
                }
                for (int t = 0; t < list.size(); t++) {
                    tasklets.add(taskletClass(list.get(t), at + ".tasklets[" + t + "]"));
                }
            }
            strands.add(new StrandConfig(name.asString(), reactor, mask, weight, tasklets));
        }
        return strands;
    }

    private static Class<? extends Tasklet> taskletClass(final JsonNode node, final String at) {
        if (!node.isString()) {
            throw new ConfigException(at, "must be a class name string");
        }
        final Class<?> loaded;
        try {
            loaded = Class.forName(node.asString(), false, RunConfig.class.getClassLoader());
        } catch (final ClassNotFoundException | LinkageError e) {
            throw new ConfigException(at, "class " + node.asString() + " is not on the class path");
        }
        if (!Tasklet.class.isAssignableFrom(loaded) || Modifier.isAbstract(loaded.getModifiers())) {
            throw new ConfigException(
                    at, "class " + loaded.getName() + " is not a concrete " + Tasklet.class.getName());
        }
        if (!Modifier.isPublic(loaded.getModifiers())) {
            throw new ConfigException(at, "class " + loaded.getName() + " is not public");
        }
        try {
            final var unused = loaded.getConstructor();
        } catch (final NoSuchMethodException e) {
            throw new ConfigException(at, "class " + loaded.getName() + " has no public no-argument constructor");
        }
        return loaded.asSubclass(Tasklet.class);
    }

    static void object(final JsonNode node, final String at, final Set<String> allowed) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(at, "must be an object");
        }
        for (final String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                throw new ConfigException(
                        at.equals("$") ? key : at + "." + key,
                        "unknown key (known: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    static int intIn(final JsonNode node, final String at, final int min, final int max) {
        if (node == null
                || node.isMissingNode()
                || !node.isIntegralNumber()
                || !node.canConvertToInt()
                || node.asInt() < min
                || node.asInt() > max) {
            throw new ConfigException(at, "must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }

    private static ReactorMode mode(final JsonNode node, final String at) {
        try {
            return ReactorMode.valueOf(node.isString() ? node.asString().toUpperCase(Locale.ROOT) : "");
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(at, "must be one of poll, sleep, interrupt");
        }
    }
}
