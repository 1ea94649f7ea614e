package dev.weft.cli.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The contents of {@code weft top}'s pop-ups, as {@code spdk_top}'s: the details of a thread (its core, idle and busy
 * time, poller counts and the list of its pollers with type, total run count and period), of a poller (type, thread,
 * run count, period, status and busy count), of a core (frequency, interrupt mode, thread and poller counts, idle and
 * busy time and its threads, one of which can be chosen to open its details), the scheduler pop-up (every field of
 * {@code framework_get_scheduler}) and the help window of keys.
 *
 * <p>A pop-up is named by a {@link Ref} and built afresh from each refresh's rows, so an open pop-up follows the data;
 * a thread, poller or core that has gone says so. Pure functions of their inputs; thread-safe.
 */
public final class TopDetails {

    private static final int PAIR_WIDTH = 22;
    private static final Map<String, String> SCHEDULER_LABELS = Map.of(
            "scheduler_name",
            "Name",
            "scheduler_period",
            "Period [us]",
            "scheduling_core",
            "Scheduling core",
            "isolated_core_mask",
            "Isolated core mask",
            "governor_name",
            "Governor");
    private static final List<String> HELP = List.of(
            "[q] Quit            - quit this application",
            "[Tab] Next tab      - switch to next tab",
            "[1-3] Select tab    - switch to THREADS, POLLERS or CORES tab",
            "[PgUp] Previous page - scroll up to previous page",
            "[PgDown] Next page  - scroll down to next page",
            "[Up] Arrow key      - go to previous data row",
            "[Down] Arrow key    - go to next data row",
            "[s] Sorting         - sort by the next column",
            "[t] Total/Interval  - show data measured from the start of the application",
            "                      or since the last refresh",
            "[Enter] Item details - show the current row's details (Esc to close)",
            "[g] Scheduler       - show the scheduler's settings (Esc to close)",
            "[h] Help            - show this help window");

    private TopDetails() {}

    /** Names a pop-up; the pop-up itself is built from the current rows by {@link #build}. */
    public sealed interface Ref {}

    /**
     * The details of a thread.
     *
     * @param id the thread's id
     */
    public record ThreadRef(long id) implements Ref {}

    /**
     * The details of a poller.
     *
     * @param thread its thread's name
     * @param name its name
     * @param type its list: {@code Active}, {@code Timed} or {@code Paused}
     */
    public record PollerRef(String thread, String name, String type) implements Ref {}

    /**
     * The details of a core, with one of its threads chosen.
     *
     * @param core the core (reactor CPU)
     * @param choice the index of the chosen thread among the core's threads
     */
    public record CoreRef(long core, int choice) implements Ref {}

    /** The scheduler pop-up. */
    public record SchedulerRef() implements Ref {}

    /** The help window. */
    public record HelpRef() implements Ref {}

    /**
     * A pop-up's text.
     *
     * @param title the title, shown centred on the first line
     * @param lines the lines under it
     * @param choiceLine the index in {@code lines} of the chosen entry, -1 when nothing can be chosen
     * @param chosenThread the id of the chosen thread (a core's details), -1 when none
     */
    public record Popup(String title, List<String> lines, int choiceLine, long chosenThread) {

        /**
         * Copies the lines.
         *
         * @param title the title
         * @param lines the lines
         * @param choiceLine the chosen line or -1
         * @param chosenThread the chosen thread or -1
         */
        public Popup {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Builds a pop-up.
     *
     * @param ref which pop-up
     * @param rows each tab's rows for the refresh shown (interval or totals)
     * @param current the current sample
     * @return the pop-up
     */
    public static Popup build(final Ref ref, final Function<TopTab, List<List<Object>>> rows, final TopSample current) {
        return switch (ref) {
            case ThreadRef thread ->
                thread(find(rows.apply(TopTab.THREADS), TopTab.THREADS, "id", thread.id()), current);
            case PollerRef poller -> poller(findPoller(rows.apply(TopTab.POLLERS), poller));
            case CoreRef core ->
                core(find(rows.apply(TopTab.CORES), TopTab.CORES, "core", core.core()), core.choice(), current);
            case SchedulerRef ignored -> scheduler(current.scheduler());
            case HelpRef ignored -> new Popup("HELP", HELP, -1, -1);
        };
    }

    /**
     * Builds a thread's details from its row of the threads tab.
     *
     * @param row the row, or null when the thread has gone
     * @param current the current sample, for the thread's pollers
     * @return the pop-up
     */
    public static Popup thread(final List<Object> row, final TopSample current) {
        if (row == null) {
            return new Popup("Thread", List.of("This thread does not exist."), -1, -1);
        }
        final List<String> lines = new ArrayList<>();
        lines.add(pairs(
                "Core:",
                cell(row, TopTab.THREADS, "core"),
                "Idle [us]:",
                cell(row, TopTab.THREADS, "idle_us"),
                "Busy [us]:",
                cell(row, TopTab.THREADS, "busy_us")));
        lines.add(pairs(
                "Active pollers:",
                cell(row, TopTab.THREADS, "active_pollers"),
                "Timed pollers:",
                cell(row, TopTab.THREADS, "timed_pollers"),
                "Paused pollers:",
                cell(row, TopTab.THREADS, "paused_pollers")));
        lines.add("");
        final String format = "%-32s %-7s %15s %12s";
        lines.add(String.format(Locale.ROOT, format, "Pollers", "Type", "Total run count", "Period [us]"));
        final long id = (Long) cell(row, TopTab.THREADS, "id");
        final long rate = current.tickRate();
        for (final JsonNode thread : current.pollers().path("threads")) {
            if (thread.path("id").asLong() != id) {
                continue;
            }
            for (final String type : List.of("Active", "Timed", "Paused")) {
                for (final JsonNode poller : thread.path(type.toLowerCase(Locale.ROOT) + "_pollers")) {
                    final long period = poller.path("period_ticks").asLong(0);
                    lines.add(String.format(
                            Locale.ROOT,
                            format,
                            poller.path("name").asString(""),
                            type,
                            poller.path("run_count").asLong(),
                            period == 0 ? "" : period * 1_000_000 / rate));
                }
            }
        }
        return new Popup((String) row.getFirst(), lines, -1, -1);
    }

    /**
     * Builds a poller's details from its row of the pollers tab.
     *
     * @param row the row, or null when the poller has gone
     * @return the pop-up
     */
    public static Popup poller(final List<Object> row) {
        if (row == null) {
            return new Popup("Poller", List.of("This poller does not exist."), -1, -1);
        }
        final List<String> lines = new ArrayList<>();
        lines.add(pairs(
                "Type:", cell(row, TopTab.POLLERS, "type"), "On thread:", cell(row, TopTab.POLLERS, "thread_name")));
        final Object period = cell(row, TopTab.POLLERS, "period_us");
        lines.add(
                period == null
                        ? pairs("Run count:", cell(row, TopTab.POLLERS, "run_count"))
                        : pairs("Run count:", cell(row, TopTab.POLLERS, "run_count"), "Period:", period));
        final long busy = (Long) cell(row, TopTab.POLLERS, "busy_count");
        lines.add(busy == 0 ? pairs("Status:", "Idle") : pairs("Status:", "Busy", "Busy count:", busy));
        return new Popup((String) row.getFirst(), lines, -1, -1);
    }

    /**
     * Builds a core's details from its row of the cores tab.
     *
     * @param row the row, or null when the core has gone
     * @param choice the index of the chosen thread among the core's threads
     * @param current the current sample, for the core's threads
     * @return the pop-up
     */
    public static Popup core(final List<Object> row, final int choice, final TopSample current) {
        if (row == null) {
            return new Popup("Core", List.of("This core does not exist."), -1, -1);
        }
        final long lcore = (Long) cell(row, TopTab.CORES, "core");
        final Object freq = cell(row, TopTab.CORES, "freq_mhz");
        final List<String> lines = new ArrayList<>();
        lines.add(pairs("Frequency:", freq == null ? "N/A" : freq, "Intr:", cell(row, TopTab.CORES, "in_interrupt")));
        lines.add(pairs(
                "Thread count:", cell(row, TopTab.CORES, "threads"), "Idle time:", cell(row, TopTab.CORES, "idle_us")));
        lines.add(pairs(
                "Poller count:", cell(row, TopTab.CORES, "pollers"), "Busy time:", cell(row, TopTab.CORES, "busy_us")));
        lines.add("");
        lines.add("Threads on this core");
        final List<Long> ids = new ArrayList<>();
        for (final JsonNode reactor : current.reactors().path("reactors")) {
            if (reactor.path("lcore").asLong() == lcore) {
                for (final JsonNode thread : reactor.path("lw_threads")) {
                    lines.add(thread.path("name").asString(""));
                    ids.add(thread.path("id").asLong());
                }
            }
        }
        final String title = "Core " + lcore + " details";
        if (ids.isEmpty()) {
            return new Popup(title, lines, -1, -1);
        }
        final int chosen = Math.max(0, Math.min(choice, ids.size() - 1));
        return new Popup(title, lines, lines.size() - ids.size() + chosen, ids.get(chosen));
    }

    /**
     * Builds the scheduler pop-up: every field of a {@code framework_get_scheduler} result, the isolated mask as
     * SPDK writes it.
     *
     * @param scheduler the result, or a missing node when the server has no such method
     * @return the pop-up
     */
    public static Popup scheduler(final JsonNode scheduler) {
        if (!scheduler.isObject()) {
            return new Popup("Scheduler", List.of("The server does not report a scheduler."), -1, -1);
        }
        final List<String> lines = new ArrayList<>();
        lines.add(pairs("Name:", scheduler.path("scheduler_name").asString("none")));
        scheduler.properties().forEach(entry -> {
            if (!entry.getKey().equals("scheduler_name")) {
                lines.add(pairs(
                        SCHEDULER_LABELS.getOrDefault(entry.getKey(), entry.getKey()) + ":",
                        entry.getValue().isString()
                                ? entry.getValue().asString()
                                : entry.getValue().toString()));
            }
        });
        return new Popup("Scheduler", lines, -1, -1);
    }

    private static List<Object> find(
            final List<List<Object>> rows, final TopTab tab, final String key, final long value) {
        final int column = tab.columnIndex(key);
        for (final List<Object> row : rows) {
            if (row.get(column) instanceof Long number && number == value) {
                return row;
            }
        }
        return null;
    }

    private static List<Object> findPoller(final List<List<Object>> rows, final PollerRef ref) {
        for (final List<Object> row : rows) {
            if (ref.name().equals(row.get(0))
                    && ref.type().equals(row.get(1))
                    && ref.thread().equals(row.get(2))) {
                return row;
            }
        }
        return null;
    }

    private static Object cell(final List<Object> row, final TopTab tab, final String key) {
        return row.get(tab.columnIndex(key));
    }

    /** Lays out label-value pairs in columns, as {@code spdk_top}'s detail windows do. */
    private static String pairs(final Object... labelsAndValues) {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            final String pair = labelsAndValues[i] + " " + TopScreen.format(labelsAndValues[i + 1]);
            line.append(
                    i + 2 < labelsAndValues.length
                            ? String.format(Locale.ROOT, "%-" + PAIR_WIDTH + "s", pair + "  ")
                            : pair);
        }
        return line.toString();
    }
}
