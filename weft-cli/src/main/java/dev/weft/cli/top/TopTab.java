package dev.weft.cli.top;

import java.util.List;

/**
 * The three tabs of {@code weft top}, as {@code spdk_top}'s: threads (weft's strands), pollers (tasklets) and cores
 * (reactors). Each tab has fixed columns, each with a JSON key (for {@code --json}) and a header.
 */
public enum TopTab {
    /** One row per thread (strand). */
    THREADS(List.of(new Column("thread_name", "Thread name"), new Column("id", "Id"), new Column("core", "Core"),
            new Column("active_pollers", "Active pollers"), new Column("timed_pollers", "Timed pollers"),
            new Column("paused_pollers", "Paused pollers"), new Column("idle_us", "Idle [us]"),
            new Column("busy_us", "Busy [us]"), new Column("cpu_pct", "CPU %"))),
    /** One row per poller (tasklet). */
    POLLERS(List.of(new Column("poller_name", "Poller name"), new Column("type", "Type"),
            new Column("thread_name", "On thread"), new Column("run_count", "Run count"),
            new Column("busy_count", "Busy count"), new Column("period_us", "Period [us]"),
            new Column("status", "Status"))),
    /** One row per core (reactor). */
    CORES(List.of(new Column("core", "Core"), new Column("in_interrupt", "Intr"),
            new Column("threads", "Thread count"), new Column("pollers", "Poller count"),
            new Column("idle_us", "Idle [us]"), new Column("busy_us", "Busy [us]"),
            new Column("freq_mhz", "Frequency [MHz]"), new Column("cpu_pct", "CPU %")));

    /**
     * One column.
     *
     * @param key its key in {@code --json} output
     * @param header its header on screen
     */
    public record Column(String key, String header) {
    }

    private final List<Column> columns;

    TopTab(final List<Column> columns) {
        this.columns = columns;
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
