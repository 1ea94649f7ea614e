package dev.weft.cli.top;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The state and layout of {@code weft top}'s screen, without a terminal: the active tab, each tab's sort column and
 * page ({@link TopPager}), interval or total figures, and a stack of open pop-ups ({@link TopDetails}). Keys change
 * the state as {@code spdk_top}'s do; {@link #render} lays out one frame as lines of text with the spans to show in
 * reverse video, which {@link TopScreen} paints.
 *
 * <p>Layout, top to bottom: the tab bar, the balancer line, the table's header, a page of rows (the selected one in
 * reverse video), {@code Page: x/y} with the sort column and figures shown, and the line of keys. Pop-ups are drawn
 * centred over it. Not thread-safe: the screen's one thread owns it.
 */
public final class TopView {

    /** The keys other than characters. */
    public enum Key {
        /** Next tab. */
        TAB,
        /** Previous row, or previous thread in a core's details. */
        UP,
        /** Next row, or next thread in a core's details. */
        DOWN,
        /** Previous page. */
        PAGE_UP,
        /** Next page. */
        PAGE_DOWN,
        /** Open the selected row's details, or the chosen thread's from a core's details. */
        ENTER,
        /** Close the top pop-up; with none open, quit. */
        ESCAPE
    }

    /**
     * A span of a frame to show in reverse video.
     *
     * @param row the line
     * @param column the first column
     * @param length the number of columns
     */
    public record Highlight(int row, int column, int length) {}

    /**
     * One frame.
     *
     * @param lines the screen's lines, each at most as wide as the screen
     * @param highlights the spans to show in reverse video
     */
    public record Frame(List<String> lines, List<Highlight> highlights) {

        /**
         * Copies the lists.
         *
         * @param lines the lines
         * @param highlights the highlights
         */
        public Frame {
            lines = List.copyOf(lines);
            highlights = List.copyOf(highlights);
        }
    }

    /** The line of keys at the bottom of the screen, {@code spdk_top}'s menu line with weft's keys added. */
    public static final String KEYS_LINE = "[q] Quit | [1-3][Tab] Switch tab | [PgUp] Previous page | "
            + "[PgDown] Next page | [Enter] Item details | [s] Sort | [t] Total/Interval | [g] Scheduler | [h] Help";

    private static final int CHROME_ROWS = 5;
    private static final int FIRST_DATA_ROW = 3;

    private final Duration interval;
    private final int[] sortColumn = new int[TopTab.values().length];
    private final TopPager[] pagers = new TopPager[TopTab.values().length];
    private final Deque<TopDetails.Ref> popups = new ArrayDeque<>();
    private TopTab tab = TopTab.THREADS;
    private boolean totals;
    private int pageSize = 20;
    private TopSample previous;
    private TopSample current;

    /**
     * Creates the view, on the threads tab, each tab sorted by its default column.
     *
     * @param interval the refresh interval, shown on the page line
     */
    public TopView(final Duration interval) {
        this.interval = interval;
        for (final TopTab each : TopTab.values()) {
            sortColumn[each.ordinal()] = each.defaultSortColumn();
            pagers[each.ordinal()] = new TopPager();
        }
    }

    /**
     * Takes a new sample; the one it replaces becomes the base of the deltas.
     *
     * @param next the new sample
     */
    public void sample(final TopSample next) {
        previous = current;
        current = next;
    }

    /**
     * Returns the active tab.
     *
     * @return the tab
     */
    public TopTab tab() {
        return tab;
    }

    /**
     * Tells whether totals since the start are shown rather than figures since the previous refresh.
     *
     * @return true for totals
     */
    public boolean isTotals() {
        return totals;
    }

    /**
     * Returns the pop-up on top, if one is open.
     *
     * @return the pop-up's reference
     */
    public Optional<TopDetails.Ref> popup() {
        return Optional.ofNullable(popups.peek());
    }

    /**
     * Returns a tab's rows as shown: interval or totals, sorted by the tab's sort column.
     *
     * @param which the tab
     * @return the rows, empty before the first sample
     */
    public List<List<Object>> rows(final TopTab which) {
        if (current == null) {
            return List.of();
        }
        return TopModel.sorted(TopModel.rows(which, totals ? null : previous, current), sortColumn[which.ordinal()]);
    }

    /**
     * Acts on a key.
     *
     * @param key the key
     * @return false when the view should close
     */
    public boolean press(final Key key) {
        if (key == Key.ESCAPE) {
            return popups.poll() != null;
        }
        if (!popups.isEmpty()) {
            onPopup(key);
            return true;
        }
        final TopPager pager = pagers[tab.ordinal()];
        final int count = rows(tab).size();
        switch (key) {
            case TAB -> select(TopTab.values()[(tab.ordinal() + 1) % TopTab.values().length]);
            case UP -> pager.up();
            case DOWN -> pager.down(count, pageSize);
            case PAGE_UP -> pager.pageUp();
            case PAGE_DOWN -> pager.pageDown(count, pageSize);
            case ENTER -> openSelected();
            default -> {}
        }
        return true;
    }

    /**
     * Acts on a typed character.
     *
     * @param typed the character
     * @return false when the view should close
     */
    public boolean type(final char typed) {
        final char c = Character.toLowerCase(typed);
        if (c == 'q') {
            return false;
        }
        if (!popups.isEmpty()) {
            return true;
        }
        switch (c) {
            case '1', '2', '3' -> select(TopTab.values()[c - '1']);
            case 's' ->
                sortColumn[tab.ordinal()] =
                        (sortColumn[tab.ordinal()] + 1) % tab.columns().size();
            case 't' -> totals = !totals;
            case 'g' -> popups.push(new TopDetails.SchedulerRef());
            case 'h' -> popups.push(new TopDetails.HelpRef());
            default -> {}
        }
        return true;
    }

    private void select(final TopTab next) {
        tab = next;
        pagers[tab.ordinal()].reset();
    }

    private void onPopup(final Key key) {
        if (!(popups.peek() instanceof TopDetails.CoreRef core)) {
            return;
        }
        switch (key) {
            case UP -> replaceTop(new TopDetails.CoreRef(core.core(), Math.max(0, core.choice() - 1)));
            case DOWN -> {
                final TopDetails.Popup shown = TopDetails.build(core, this::rows, current);
                if (shown.choiceLine() >= 0
                        && shown.choiceLine() + 1 < shown.lines().size()) {
                    replaceTop(new TopDetails.CoreRef(core.core(), core.choice() + 1));
                }
            }
            case ENTER -> {
                final long thread = TopDetails.build(core, this::rows, current).chosenThread();
                if (thread >= 0) {
                    popups.push(new TopDetails.ThreadRef(thread));
                }
            }
            default -> {}
        }
    }

    private void replaceTop(final TopDetails.Ref ref) {
        popups.pop();
        popups.push(ref);
    }

    private void openSelected() {
        final List<List<Object>> rows = rows(tab);
        final int index = pagers[tab.ordinal()].selectedRow(rows.size(), pageSize);
        if (index < 0) {
            return;
        }
        final List<Object> row = rows.get(index);
        popups.push(
                switch (tab) {
                    case THREADS -> new TopDetails.ThreadRef((Long) row.get(TopTab.THREADS.columnIndex("id")));
                    case POLLERS ->
                        new TopDetails.PollerRef((String) row.get(2), (String) row.get(0), (String) row.get(1));
                    case CORES -> new TopDetails.CoreRef((Long) row.get(TopTab.CORES.columnIndex("core")), 0);
                });
    }

    /**
     * Lays out one frame.
     *
     * @param columns the screen's width
     * @param screenRows the screen's height
     * @return the frame
     */
    public Frame render(final int columns, final int screenRows) {
        final int height = Math.max(CHROME_ROWS + 1, screenRows);
        pageSize = height - CHROME_ROWS;
        final List<StringBuilder> lines = new ArrayList<>();
        for (int i = 0; i < height; i++) {
            lines.add(new StringBuilder());
        }
        final List<Highlight> highlights = new ArrayList<>();
        renderTabs(lines.getFirst(), highlights);
        if (current != null) {
            lines.get(1).append(TopModel.schedulerLine(current.scheduler()));
        }
        renderTable(lines, highlights);
        final List<List<Object>> rows = rows(tab);
        lines.get(height - 2)
                .append(pagers[tab.ordinal()].label(rows.size(), pageSize))
                .append("   sort: ")
                .append(tab.columns().get(sortColumn[tab.ordinal()]).header())
                .append("   ")
                .append(totals ? "totals since start" : "since last refresh")
                .append("   refresh ")
                .append(interval.toMillis())
                .append(" ms");
        lines.get(height - 1).append(KEYS_LINE);
        if (!popups.isEmpty() && current != null) {
            overlay(lines, highlights, TopDetails.build(popups.peek(), this::rows, current), columns);
        }
        final List<String> out = new ArrayList<>();
        for (final StringBuilder line : lines) {
            out.add(line.length() > columns ? line.substring(0, columns) : line.toString());
        }
        return new Frame(
                out,
                highlights.stream()
                        .filter(h -> h.column() < columns)
                        .map(h -> new Highlight(h.row(), h.column(), Math.min(h.length(), columns - h.column())))
                        .toList());
    }

    private void renderTabs(final StringBuilder line, final List<Highlight> highlights) {
        for (final TopTab each : TopTab.values()) {
            final String label = " [" + (each.ordinal() + 1) + "] " + each.name() + " ";
            if (each == tab) {
                highlights.add(new Highlight(0, line.length(), label.length()));
            }
            line.append(label).append(' ');
        }
    }

    private void renderTable(final List<StringBuilder> lines, final List<Highlight> highlights) {
        final List<List<Object>> rows = rows(tab);
        final List<String[]> cells = new ArrayList<>();
        cells.add(tab.columns().stream().map(TopTab.Column::header).toArray(String[]::new));
        for (final List<Object> row : rows) {
            cells.add(row.stream().map(TopScreen::format).toArray(String[]::new));
        }
        final int[] widths = new int[tab.columns().size()];
        for (final String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        lines.get(FIRST_DATA_ROW - 1).append(joined(cells.getFirst(), widths));
        final TopPager pager = pagers[tab.ordinal()];
        final int first = pager.page(rows.size(), pageSize) * pageSize;
        final int selected = pager.selectedRow(rows.size(), pageSize);
        for (int i = first; i < Math.min(rows.size(), first + pageSize); i++) {
            final String text = joined(cells.get(i + 1), widths);
            lines.get(FIRST_DATA_ROW + i - first).append(text);
            if (i == selected) {
                highlights.add(new Highlight(FIRST_DATA_ROW + i - first, 0, text.length()));
            }
        }
    }

    private static String joined(final String[] cells, final int[] widths) {
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", cells[i]));
        }
        return line.toString().stripTrailing();
    }

    private static void overlay(
            final List<StringBuilder> lines,
            final List<Highlight> highlights,
            final TopDetails.Popup popup,
            final int columns) {
        final List<String> body = new ArrayList<>();
        body.add(popup.title());
        body.add(null);
        body.addAll(popup.lines());
        body.add(null);
        body.add("[Esc] Close");
        int inner = 0;
        for (final String text : body) {
            inner = Math.max(inner, text == null ? 0 : text.length());
        }
        inner = Math.min(inner + 2, Math.max(1, columns - 2));
        final int shown = Math.min(body.size(), lines.size() - 2);
        final int top = (lines.size() - shown - 2) / 2;
        final int left = Math.max(0, (columns - inner - 2) / 2);
        final String rule = "+" + "-".repeat(inner) + "+";
        highlights.removeIf(h -> h.row() >= top && h.row() <= top + shown + 1);
        put(lines.get(top), left, rule);
        for (int i = 0; i < shown; i++) {
            final String text = body.get(i);
            final String content = text == null
                    ? "-".repeat(inner)
                    : i == 0 || i == body.size() - 1 ? centred(text, inner) : pad(" " + text, inner);
            put(lines.get(top + 1 + i), left, (text == null ? "+" : "|") + content + (text == null ? "+" : "|"));
            if (i - 2 == popup.choiceLine()) {
                highlights.add(new Highlight(top + 1 + i, left + 1, inner));
            }
        }
        put(lines.get(top + 1 + shown), left, rule);
    }

    private static String centred(final String text, final int width) {
        return pad(" ".repeat(Math.max(0, (width - text.length()) / 2)) + text, width);
    }

    private static String pad(final String text, final int width) {
        return text.length() >= width ? text.substring(0, width) : text + " ".repeat(width - text.length());
    }

    private static void put(final StringBuilder line, final int column, final String text) {
        while (line.length() < column + text.length()) {
            line.append(' ');
        }
        line.replace(column, column + text.length(), text);
    }
}
