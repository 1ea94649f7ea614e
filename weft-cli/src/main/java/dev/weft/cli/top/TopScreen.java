package dev.weft.cli.top;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import dev.weft.rpc.JsonRpcClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * The live terminal view of {@code weft top}, in the manner of {@code spdk_top}: it takes a sample every interval
 * (1 s by default) from one persistent connection and paints the frames {@link TopView} lays out, with Lanterna.
 *
 * <p>Keys ({@link TopView}): {@code 1}/{@code 2}/{@code 3} or Tab choose the tab, Up and Down the row, Page Up and
 * Page Down the page, Enter opens the row's details (in a core's details, the chosen thread's), {@code g} the
 * scheduler pop-up, {@code h} the help window, {@code s} sorts by the next column, {@code t} switches between figures
 * since the last refresh and totals, Escape closes a pop-up, {@code q} (or Escape with no pop-up open) quits. Between
 * refreshes it polls the keyboard every 50 ms, so a key takes effect at once without waiting for the next sample.
 */
public final class TopScreen {

    private static final long KEY_POLL_MILLIS = 50;

    private final JsonRpcClient client;
    private final Duration interval;
    private final TopView view;

    /**
     * Creates the view.
     *
     * @param client a connected client
     * @param interval the refresh interval
     */
    public TopScreen(final JsonRpcClient client, final Duration interval) {
        this.client = client;
        this.interval = interval;
        this.view = new TopView(interval);
    }

    /**
     * Runs until the user quits.
     *
     * @throws IOException if the terminal fails
     * @throws InterruptedException if interrupted between key polls
     */
    public void run() throws IOException, InterruptedException {
        try (Screen screen = new DefaultTerminalFactory().createScreen()) {
            run(screen);
        }
    }

    /**
     * Runs on a given screen (a virtual terminal's, in tests) until the user quits; starts the screen and leaves
     * closing it to the caller.
     *
     * @param screen the screen, not yet started
     * @throws IOException if the terminal fails
     * @throws InterruptedException if interrupted between key polls
     */
    void run(final Screen screen) throws IOException, InterruptedException {
        screen.startScreen();
        screen.setCursorPosition(null);
        while (true) {
            view.sample(TopSample.take(client));
            draw(screen);
            final long deadline = System.nanoTime() + interval.toNanos();
            while (System.nanoTime() < deadline) {
                final KeyStroke key = screen.pollInput();
                if (key == null) {
                    Thread.sleep(KEY_POLL_MILLIS);
                    continue;
                }
                if (!handle(key)) {
                    return;
                }
                draw(screen);
            }
        }
    }

    private boolean handle(final KeyStroke key) {
        return switch (key.getKeyType()) {
            case EOF -> false;
            case Escape -> view.press(TopView.Key.ESCAPE);
            case Tab -> view.press(TopView.Key.TAB);
            case ArrowUp -> view.press(TopView.Key.UP);
            case ArrowDown -> view.press(TopView.Key.DOWN);
            case PageUp -> view.press(TopView.Key.PAGE_UP);
            case PageDown -> view.press(TopView.Key.PAGE_DOWN);
            case Enter -> view.press(TopView.Key.ENTER);
            case Character -> view.type(key.getCharacter());
            default -> true;
        };
    }

    private void draw(final Screen screen) throws IOException {
        screen.doResizeIfNecessary();
        screen.clear();
        final TerminalSize size = screen.getTerminalSize();
        final TopView.Frame frame = view.render(size.getColumns(), size.getRows());
        final TextGraphics g = screen.newTextGraphics();
        for (int row = 0; row < frame.lines().size() && row < size.getRows(); row++) {
            g.putString(0, row, frame.lines().get(row));
        }
        g.enableModifiers(SGR.REVERSE);
        for (final TopView.Highlight span : frame.highlights()) {
            final String line = frame.lines().get(span.row());
            final StringBuilder text = new StringBuilder(
                    span.column() < line.length()
                            ? line.substring(span.column(), Math.min(line.length(), span.column() + span.length()))
                            : "");
            while (text.length() < span.length()) {
                text.append(' ');
            }
            g.putString(span.column(), span.row(), text.toString());
        }
        g.disableModifiers(SGR.REVERSE);
        screen.refresh();
    }

    /**
     * Formats a cell as the tables show it: percentages with two decimals, a missing value as an empty cell.
     *
     * @param cell the cell
     * @return the text
     */
    public static String format(final Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double value) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.valueOf(cell);
    }
}
