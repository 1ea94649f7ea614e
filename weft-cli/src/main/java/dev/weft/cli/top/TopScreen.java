package dev.weft.cli.top;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import dev.weft.rpc.JsonRpcClient;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The live terminal view of {@code weft top}, in the manner of {@code spdk_top}: a tab bar (threads, pollers, cores),
 * the balancer line ({@link TopModel#schedulerLine}), a table sorted by one column, and a help line. It refreshes every interval (1 s by default) from one persistent
 * connection, computing usage from the deltas between refreshes ({@link TopModel}).
 *
 * <p>Keys: {@code 1}/{@code 2}/{@code 3} or Tab choose the tab, {@code s} sorts by the next column, {@code q} or
 * Escape quits. Between refreshes it polls the keyboard every 50 ms, so a key takes effect at once without waiting
 * for the next sample.
 */
public final class TopScreen {

    private static final long KEY_POLL_MILLIS = 50;

    private final JsonRpcClient client;
    private final Duration interval;
    private TopTab tab = TopTab.THREADS;
    private final int[] sortColumn = new int[TopTab.values().length];
    private TopSample previous;
    private TopSample current;

    /**
     * Creates the view.
     *
     * @param client a connected client
     * @param interval the refresh interval
     */
    public TopScreen(final JsonRpcClient client, final Duration interval) {
        this.client = client;
        this.interval = interval;
        for (final TopTab each : TopTab.values()) {
            sortColumn[each.ordinal()] = each.columnIndex("cpu_pct") >= 0 ? each.columnIndex("cpu_pct")
                    : each.columnIndex("run_count");
        }
    }

    /**
     * Runs until the user quits.
     *
     * @throws IOException if the terminal fails
     * @throws InterruptedException if interrupted between key polls
     */
    public void run() throws IOException, InterruptedException {
        try (Screen screen = new DefaultTerminalFactory().createScreen()) {
            screen.startScreen();
            screen.setCursorPosition(null);
            while (true) {
                previous = current;
                current = TopSample.take(client);
                draw(screen);
                final long deadline = System.nanoTime() + interval.toNanos();
                while (System.nanoTime() < deadline) {
                    final KeyStroke key = screen.pollInput();
                    if (key == null) {
                        Thread.sleep(KEY_POLL_MILLIS);
                        continue;
                    }
                    if (quits(key)) {
                        return;
                    }
                    handle(key);
                    draw(screen);
                }
            }
        }
    }

    private static boolean quits(final KeyStroke key) {
        return key.getKeyType() == KeyType.Escape || key.getKeyType() == KeyType.EOF
                || (key.getKeyType() == KeyType.Character && Character.toLowerCase(key.getCharacter()) == 'q');
    }

    private void handle(final KeyStroke key) {
        if (key.getKeyType() == KeyType.Tab) {
            tab = TopTab.values()[(tab.ordinal() + 1) % TopTab.values().length];
        } else if (key.getKeyType() == KeyType.Character) {
            switch (Character.toLowerCase(key.getCharacter())) {
                case '1' -> tab = TopTab.THREADS;
                case '2' -> tab = TopTab.POLLERS;
                case '3' -> tab = TopTab.CORES;
                case 's' -> sortColumn[tab.ordinal()] = (sortColumn[tab.ordinal()] + 1) % tab.columns().size();
                default -> {
                }
            }
        }
    }

    private void draw(final Screen screen) throws IOException {
        screen.doResizeIfNecessary();
        screen.clear();
        final TerminalSize size = screen.getTerminalSize();
        final TextGraphics g = screen.newTextGraphics();
        int x = 0;
        for (final TopTab each : TopTab.values()) {
            final String label = " [" + (each.ordinal() + 1) + "] " + each.name().charAt(0)
                    + each.name().substring(1).toLowerCase(Locale.ROOT) + " ";
            if (each == tab) {
                g.enableModifiers(SGR.REVERSE);
            }
            g.putString(x, 0, label);
            g.disableModifiers(SGR.REVERSE);
            x += label.length() + 1;
        }
        g.putString(0, 1, TopModel.schedulerLine(current.scheduler()));
        final int sort = sortColumn[tab.ordinal()];
        final List<List<Object>> rows = TopModel.sorted(TopModel.rows(tab, previous, current), sort);
        final List<String[]> cells = new ArrayList<>();
        final String[] header = tab.columns().stream().map(TopTab.Column::header).toArray(String[]::new);
        cells.add(header);
        for (final List<Object> row : rows) {
            cells.add(row.stream().map(TopScreen::format).toArray(String[]::new));
        }
        final int[] widths = new int[header.length];
        for (final String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < cells.size() && r + 2 < size.getRows() - 1; r++) {
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s  ", cells.get(r)[i]));
            }
            if (r == 0) {
                g.setForegroundColor(TextColor.ANSI.CYAN);
            }
            g.putString(0, r + 2, line.toString());
            g.setForegroundColor(TextColor.ANSI.DEFAULT);
        }
        g.putString(0, size.getRows() - 1, "1-3/Tab: tab   s: sort (now " + tab.columns().get(sort).header()
                + ")   q: quit   refresh " + interval.toMillis() + " ms");
        screen.refresh();
    }

    static String format(final Object cell) {
        if (cell instanceof Double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.valueOf(cell);
    }
}
