package dev.weft.cli.top;

import java.util.List;

/**
 * The three tabs of {@code weft top}, as {@code spdk_top}'s: threads (weft's strands), pollers (tasklets) and cores
 * (reactors). Each tab has fixed columns in {@code spdk_top}'s order, each with a JSON key (for {@code --json}) and a
 * header, and a default sort column.
 */
public enum TopTab {
    /** One row per thread (strand). */
    THREADS(
            List.of(
                    new Column("thread_name", "Thread name"),
                    new Column("id", "Id"),
                    new Column("core", "Core"),
                    new Column("active_pollers", "Active pollers"),
                    new Column("timed_pollers", "Timed pollers"),
                    new Column("paused_pollers", "Paused pollers"),
                    new Column("idle_us", "Idle [us]"),
                    new Column("busy_us", "Busy [us]"),
                    new Column("cpu_pct", "CPU %")),
            "cpu_pct"),
    /** One row per poller (tasklet). */
    POLLERS(
            List.of(
                    new Column("poller_name", "Poller name"),
                    new Column("type", "Type"),
                    new Column("thread_name", "On thread"),
                    new Column("run_count", "Run count"),
                    new Column("period_us", "Period [us]"),
                    new Column("status", "Status"),
                    new Column("busy_count", "Busy count")),
            "run_count"),
    /** One row per core (reactor). */
    CORES(
            List.of(
                    new Column("core", "Core"),
                    new Column("threads", "Thread count"),
                    new Column("pollers", "Poller count"),
                    new Column("idle_us", "Idle [us]"),
                    new Column("busy_us", "Busy [us]"),
                    new Column("busy_pct", "Busy %"),
                    new Column("status", "Status"),
                    new Column("in_interrupt", "Intr"),
                    new Column("sys_pct", "Sys %"),
                    new Column("irq_pct", "Irq %"),
                    new Column("freq_mhz", "Frequency [MHz]")),
            "busy_pct");

    /**
     * One column.
     *
     * @param key its key in {@code --json} output
     * @param header its header on screen
     */
    public record Column(String key, String header) {}

    private final List<Column> columns;
    private final String defaultSort;

    TopTab(final List<Column> columns, final String defaultSort) {
        this.columns = columns;
        this.defaultSort = defaultSort;
    }

    /**
     * Returns the columns.
     *
     * @return the columns in display order
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * Returns the index of the column the tab sorts by until told otherwise: the usage for threads and cores, the
     * run count for pollers.
     *
     * @return the column index
     */
    public int defaultSortColumn() {
        return columnIndex(defaultSort);
    }

    /**
     * Finds the index of a column by key.
     *
     * @param key the column's key
     * @return its index, or -1 if the tab has no such column
     */
    public int columnIndex(final String key) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
