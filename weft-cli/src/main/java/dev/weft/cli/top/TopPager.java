package dev.weft.cli.top;

/**
 * Paging and the selected row of one tab, as {@code spdk_top} pages: a page holds as many rows as the screen has room
 * for, Page Down and Page Up move a page (staying on the last or first), and each page change selects its first row;
 * Up and Down move the selection within the page. The position is kept valid as the rows and the page size change
 * (fewer rows after a refresh, a smaller terminal).
 *
 * <p>Not thread-safe: the view's one thread owns it.
 */
public final class TopPager {

    private int page;
    private int selected;

    /** Creates a pager on the first row of the first page. */
    public TopPager() {}

    /**
     * Returns how many pages the rows take, at least one.
     *
     * @param rows the number of rows
     * @param pageSize rows per page, at least one
     * @return the number of pages
     */
    public static int pages(final int rows, final int pageSize) {
        final int size = Math.max(1, pageSize);
        return Math.max(1, (rows + size - 1) / size);
    }

    /**
     * Returns the current page, from zero, after fitting it to the rows.
     *
     * @param rows the number of rows
     * @param pageSize rows per page
     * @return the page index
     */
    public int page(final int rows, final int pageSize) {
        fit(rows, pageSize);
        return page;
    }

    /**
     * Returns the index, among all rows, of the selected row, after fitting it to the rows.
     *
     * @param rows the number of rows
     * @param pageSize rows per page
     * @return the row index, or -1 when there are no rows
     */
    public int selectedRow(final int rows, final int pageSize) {
        fit(rows, pageSize);
        return rows == 0 ? -1 : page * Math.max(1, pageSize) + selected;
    }

    /**
     * Describes the position as {@code spdk_top} does, {@code Page: x/y}.
     *
     * @param rows the number of rows
     * @param pageSize rows per page
     * @return the label
     */
    public String label(final int rows, final int pageSize) {
        return "Page: " + (page(rows, pageSize) + 1) + "/" + pages(rows, pageSize);
    }

    /**
     * Moves to the next page, if there is one, and selects its first row.
     *
     * @param rows the number of rows
     * @param pageSize rows per page
     */
    public void pageDown(final int rows, final int pageSize) {
        fit(rows, pageSize);
        if (page + 1 < pages(rows, pageSize)) {
            page++;
        }
        selected = 0;
    }

    /** Moves to the previous page, if there is one, and selects its first row. */
    public void pageUp() {
        if (page > 0) {
            page--;
        }
        selected = 0;
    }

    /** Selects the row above, staying on the page. */
    public void up() {
        if (selected > 0) {
            selected--;
        }
    }

    /**
     * Selects the row below, staying on the page.
     *
     * @param rows the number of rows
     * @param pageSize rows per page
     */
    public void down(final int rows, final int pageSize) {
        fit(rows, pageSize);
        if (selected + 1 < rowsOnPage(rows, pageSize)) {
            selected++;
        }
    }

    /** Returns to the first row of the first page, as a change of tab does. */
    public void reset() {
        page = 0;
        selected = 0;
    }

    private int rowsOnPage(final int rows, final int pageSize) {
        final int size = Math.max(1, pageSize);
        return Math.max(0, Math.min(size, rows - page * size));
    }

    private void fit(final int rows, final int pageSize) {
        page = Math.min(page, pages(rows, pageSize) - 1);
        selected = Math.max(0, Math.min(selected, rowsOnPage(rows, pageSize) - 1));
    }
}
