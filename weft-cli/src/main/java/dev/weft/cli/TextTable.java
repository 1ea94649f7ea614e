package dev.weft.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table with a title, left-aligned columns sized to their widest cell. */
final class TextTable {

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(final String... header) {
        this.header = header.clone();
    }

    TextTable row(final Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + header.length + " columns");
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    void print(final String title, final PrintWriter out) {
        final int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (final String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println();
        out.println(title);
        line(header, widths, out);
        for (final String[] row : rows) {
            line(row, widths, out);
        }
    }

    private static void line(final String[] cells, final int[] widths, final PrintWriter out) {
        final StringBuilder text = new StringBuilder(" ");
        for (int i = 0; i < cells.length; i++) {
            text.append(' ')
                    .append(cells[i])
                    .append(" ".repeat(widths[i] - cells[i].length()))
                    .append(' ');
        }
        out.println(text.toString().stripTrailing());
    }
}
