package dev.weft.cli.top;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns two consecutive {@link TopSample}s into the rows of {@code weft top}'s tabs, with usage computed from the
 * deltas between them, as {@code spdk_top} does: {@code CPU % = Δbusy × 100 / (Δbusy + Δidle)} rounded to hundredths
 * as {@code spdk_top} prints it ({@code %.2f}), times in microseconds from ticks and {@code tick_rate}, and a
 * poller's run and busy counts as the increase since the previous refresh. On the first refresh (no previous sample)
 * the totals are shown. A thread, poller or core absent
 * from the previous sample (newly created or moved there) also counts from zero.
 *
 * <p>Rows are lists of cells in the tab's column order. Each column always holds one type: numbers stay numbers (so
 * sorting compares them as numbers, largest first), text stays text, and a value the server did not give (a
 * poller's period when it has none, a core's frequency, a percentage over no time at all) is {@code null}, never a
 * placeholder string.
 */
public final class TopModel {

    private static final Set<String> SCHEDULER_KEYS =
            Set.of("scheduler_name", "scheduler_period", "scheduling_core", "isolated_core_mask", "governor_name");

    private TopModel() {}

    /**
     * Describes the balancer from a {@code framework_get_scheduler} result in one line: its name and period, the
     * scheduling core, the isolated cores' mask, the governor and the balancer's options.
     *
     * @param scheduler the result, or a missing node
     * @return the line, empty when the server did not report a balancer
     */
    public static String schedulerLine(final JsonNode scheduler) {
        if (!scheduler.isObject()) {
            return "";
        }
        final StringBuilder line = new StringBuilder("balancer ")
                .append(scheduler.path("scheduler_name").asString("none"))
                .append("  period ")
                .append(scheduler.path("scheduler_period").asLong())
                .append(" us")
                .append("  scheduling core ")
                .append(scheduler.path("scheduling_core").asLong())
                .append("  isolated ")
                .append(scheduler.path("isolated_core_mask").asString("0"))
                .append("  governor ")
                .append(scheduler.path("governor_name").asString("none"));
        scheduler.properties().forEach(entry -> {
            if (!SCHEDULER_KEYS.contains(entry.getKey())) {
                line.append("  ")
                        .append(entry.getKey())
                        .append('=')
                        .append(entry.getValue().asString());
            }
        });
        return line.toString();
    }

    /**
     * Computes a tab's rows.
     *
     * @param tab the tab
     * @param previous the previous sample, or null on the first refresh
     * @param current the current sample
     * @return the rows, in the server's order
     */
    public static List<List<Object>> rows(final TopTab tab, final TopSample previous, final TopSample current) {
        return switch (tab) {
            case THREADS -> threads(previous, current);
            case POLLERS -> pollers(previous, current);
            case CORES -> cores(previous, current);
        };
    }

    /**
     * Sorts rows by one column: numbers largest first, text alphabetically, empty cells last, then by the first
     * column.
     *
     * @param rows the rows
     * @param column the column index
     * @return a sorted copy
     */
    public static List<List<Object>> sorted(final List<List<Object>> rows, final int column) {
        final Comparator<List<Object>> byColumn = (a, b) -> compare(a.get(column), b.get(column));
        final List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(byColumn.thenComparing((a, b) -> compare(b.get(0), a.get(0))));
        return copy;
    }

    private static int compare(final Object a, final Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(y.doubleValue(), x.doubleValue());
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }

    private static List<Object> row(final Object... cells) {
        return Collections.unmodifiableList(Arrays.asList(cells));
    }

    private static List<List<Object>> threads(final TopSample previous, final TopSample current) {
        final Map<Long, JsonNode> before =
                byId(previous == null ? null : previous.threads().path("threads"));
        final Map<Long, Long> cores = threadCores(current);
        final long rate = current.tickRate();
        final List<List<Object>> rows = new ArrayList<>();
        for (final JsonNode thread : current.threads().path("threads")) {
            final long id = thread.path("id").asLong();
            final JsonNode old = before.get(id);
            final long busy = delta(thread, old, "busy");
            final long idle = delta(thread, old, "idle");
            rows.add(row(
                    thread.path("name").asString(""),
                    id,
                    cores.get(id),
                    thread.path("active_pollers_count").asLong(),
                    thread.path("timed_pollers_count").asLong(),
                    thread.path("paused_pollers_count").asLong(),
                    micros(idle, rate),
                    micros(busy, rate),
                    percent(busy, busy + idle)));
        }
        return rows;
    }

    private static List<List<Object>> pollers(final TopSample previous, final TopSample current) {
        final Map<String, JsonNode> before = new HashMap<>();
        if (previous != null) {
            forEachPoller(previous, (thread, type, poller) -> before.put(key(thread, poller), poller));
        }
        final long rate = current.tickRate();
        final List<List<Object>> rows = new ArrayList<>();
        forEachPoller(current, (thread, type, poller) -> {
            final JsonNode old = before.get(key(thread, poller));
            final long runs = delta(poller, old, "run_count");
            final long busy = delta(poller, old, "busy_count");
            rows.add(row(
                    poller.path("name").asString(""),
                    type,
                    thread.path("name").asString(""),
                    runs,
                    period(poller, rate),
                    busy > 0 ? "Busy" : "Idle",
                    busy));
        });
        return rows;
    }

    /**
     * Returns a poller's period in microseconds, or null when it has none: {@code spdk_top} leaves the cell empty
     * for a poller without {@code period_ticks} or with a period of 0.
     */
    private static Long period(final JsonNode poller, final long rate) {
        final long ticks = poller.path("period_ticks").asLong(0);
        return ticks == 0 ? null : micros(ticks, rate);
    }

    private static List<List<Object>> cores(final TopSample previous, final TopSample current) {
        final Map<Long, JsonNode> before = new HashMap<>();
        if (previous != null) {
            for (final JsonNode reactor : previous.reactors().path("reactors")) {
                before.put(reactor.path("lcore").asLong(), reactor);
            }
        }
        final Map<Long, Integer> pollersPerThread = new HashMap<>();
        forEachPoller(
                current,
                (thread, type, poller) ->
                        pollersPerThread.merge(thread.path("id").asLong(), 1, Integer::sum));
        final long rate = current.tickRate();
        final List<List<Object>> rows = new ArrayList<>();
        for (final JsonNode reactor : current.reactors().path("reactors")) {
            final JsonNode old = before.get(reactor.path("lcore").asLong());
            final long busy = delta(reactor, old, "busy");
            final long idle = delta(reactor, old, "idle");
            final long usr = delta(reactor, old, "usr");
            final long sys = delta(reactor, old, "sys");
            final long irq = delta(reactor, old, "irq");
            long pollers = 0;
            for (final JsonNode thread : reactor.path("lw_threads")) {
                pollers += pollersPerThread.getOrDefault(thread.path("id").asLong(), 0);
            }
            rows.add(row(
                    reactor.path("lcore").asLong(),
                    (long) reactor.path("lw_threads").size(),
                    pollers,
                    micros(idle, rate),
                    micros(busy, rate),
                    percent(busy, busy + idle),
                    busy > idle ? "Busy" : "Idle",
                    reactor.path("in_interrupt").asBoolean() ? "Yes" : "No",
                    percent(sys, usr + sys + irq),
                    percent(irq, usr + sys + irq),
                    reactor.has("core_freq") ? reactor.get("core_freq").asLong() : null));
        }
        return rows;
    }

    /** Receives each poller with its thread and its list's name. */
    private interface PollerVisitor {
        void visit(JsonNode thread, String type, JsonNode poller);
    }

    private static void forEachPoller(final TopSample sample, final PollerVisitor visitor) {
        for (final JsonNode thread : sample.pollers().path("threads")) {
            for (final JsonNode poller : thread.path("active_pollers")) {
                visitor.visit(thread, "Active", poller);
            }
            for (final JsonNode poller : thread.path("timed_pollers")) {
                visitor.visit(thread, "Timed", poller);
            }
            for (final JsonNode poller : thread.path("paused_pollers")) {
                visitor.visit(thread, "Paused", poller);
            }
        }
    }

    private static String key(final JsonNode thread, final JsonNode poller) {
        return thread.path("id").asLong() + "/" + poller.path("id").asLong() + "/"
                + poller.path("name").asString("");
    }

    private static Map<Long, JsonNode> byId(final JsonNode list) {
        final Map<Long, JsonNode> map = new HashMap<>();
        if (list != null) {
            for (final JsonNode item : list) {
                map.put(item.path("id").asLong(), item);
            }
        }
        return map;
    }

    private static Map<Long, Long> threadCores(final TopSample sample) {
        final Map<Long, Long> cores = new HashMap<>();
        for (final JsonNode reactor : sample.reactors().path("reactors")) {
            for (final JsonNode thread : reactor.path("lw_threads")) {
                cores.put(thread.path("id").asLong(), reactor.path("lcore").asLong());
            }
        }
        return cores;
    }

    private static long delta(final JsonNode now, final JsonNode before, final String key) {
        final long value = now.path(key).asLong();
        if (before == null) {
            return value;
        }
        return Math.max(0, value - before.path(key).asLong());
    }

    private static long micros(final long ticks, final long rate) {
        return BigDecimal.valueOf(ticks)
                .multiply(BigDecimal.valueOf(1_000_000))
                .divide(BigDecimal.valueOf(rate), 0, RoundingMode.DOWN)
                .longValue();
    }

    /**
     * Returns {@code part × 100 / total} rounded to hundredths (half up, as {@code spdk_top}'s {@code %.2f} prints
     * it), or null over no time at all, where {@code spdk_top} leaves the cell empty.
     */
    private static Double percent(final long part, final long total) {
        if (total <= 0) {
            return null;
        }
        return BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(total), 2, RoundingMode.HALF_UP)
                .doubleValue();
    }
}
