package dev.weft.bench.report;

import java.util.Optional;

/**
 * One line of the report's table as the data table {@link Rows} declares it: what is measured, which figure is
 * weft's and which is the anchor's in the same run, which way is better, and the target.
 *
 * @param area the area ({@code fork}, {@code reactor}, {@code balance}, {@code process}, {@code rpc},
 *     {@code platform}, {@code demo})
 * @param what what is measured, in a few words
 * @param anchorName the anchor a user would pick instead, in a few words ({@code ForkJoinPool}); empty when the row
 *     has none
 * @param weft the selector of weft's figure
 * @param anchor the selector of the anchor's figure, if the row has an anchor
 * @param direction which way the figure improves
 * @param target the target
 * @param explanation the heading of the {@code docs/DECISIONS.md} entry that measures where the row's time goes, which
 *     the report cites when the target is missed; empty when none does
 */
public record Row(
        String area,
        String what,
        String anchorName,
        Selector weft,
        Optional<Selector> anchor,
        Direction direction,
        Target target,
        String explanation) {

    /**
     * Checks the row is complete and consistent.
     *
     * @param area the area
     * @param what what is measured
     * @param anchorName the anchor's name
     * @param weft weft's selector
     * @param anchor the anchor's selector, if any
     * @param direction the direction
     * @param target the target
     * @param explanation the heading of the entry that explains a miss, or empty
     * @throws IllegalArgumentException naming the row if a part is missing or a ratio target has no anchor
     */
    public Row {
        if (area == null || area.isBlank() || what == null || what.isBlank()) {
            throw new IllegalArgumentException("a row needs an area and a description");
        }
        if (anchorName == null
                || weft == null
                || anchor == null
                || direction == null
                || target == null
                || explanation == null) {
            throw new IllegalArgumentException(
                    "row \"" + what + "\": anchor name, selectors, direction, target and explanation must not be null");
        }
        if ((target.kind() == Target.Kind.RATIO || target.kind() == Target.Kind.RATIO_IN_EVERY_RUN)
                && anchor.isEmpty()) {
            throw new IllegalArgumentException("row \"" + what + "\": a ratio target needs an anchor");
        }
        if (anchor.isPresent() == anchorName.isBlank()) {
            throw new IllegalArgumentException("row \"" + what + "\": name the anchor exactly when it has one");
        }
    }

    /**
     * A row with no explanation recorded.
     *
     * @param area the area
     * @param what what is measured
     * @param anchorName the anchor's name
     * @param weft weft's selector
     * @param anchor the anchor's selector, if any
     * @param direction the direction
     * @param target the target
     */
    public Row(
            final String area,
            final String what,
            final String anchorName,
            final Selector weft,
            final Optional<Selector> anchor,
            final Direction direction,
            final Target target) {
        this(area, what, anchorName, weft, anchor, direction, target, "");
    }

    /**
     * This row, explained by an entry of {@code docs/DECISIONS.md}.
     *
     * @param heading the entry's heading, without the {@code ## }
     * @return the row with that explanation
     */
    public Row explainedBy(final String heading) {
        return new Row(area, what, anchorName, weft, anchor, direction, target, heading);
    }
}
