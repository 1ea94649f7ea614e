package dev.weft.bench.report;

/**
 * A row of the table with its figures from one run: weft's figure, the anchor's, the ratio weft ÷ anchor, and the
 * verdict on the target.
 *
 * @param row the declared row
 * @param weft weft's figure, or null when it did not run
 * @param anchor the anchor's figure, or null when the row has no anchor or it did not run
 * @param ratio weft ÷ anchor, NaN when either is missing or the anchor is zero
 * @param status the verdict
 * @param note why a figure is missing, empty otherwise
 * @param command the command that reproduces the figures, empty when weft's did not run
 */
public record PairedRow(Row row, Figure weft, Figure anchor, double ratio, Status status, String note, String command) {

    /** The verdict of one row. */
    public enum Status {
        /** The target is met. */
        MET("met"),
        /** The target is missed. */
        MISSED("**missed**"),
        /** The row has no target: it is context. */
        NO_TARGET("—"),
        /** weft's figure is missing, so nothing can be said. */
        NOT_RUN("did not run"),
        /** The target is a ratio and the anchor's figure is missing. */
        ANCHOR_NOT_RUN("anchor did not run");

        private final String text;

        Status(final String text) {
            this.text = text;
        }

        /**
         * The verdict as the table's "met / missed" column prints it.
         *
         * @return the text
         */
        public String text() {
            return text;
        }
    }
}
