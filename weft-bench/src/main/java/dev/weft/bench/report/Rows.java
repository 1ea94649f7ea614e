package dev.weft.bench.report;

import java.util.List;
import java.util.Optional;

/**
 * The report's rows: the one table that says, for every figure of weft-bench and the demo, which result is weft's,
 * which is the anchor's in the same run, which way is better, and its target.
 * Adding a benchmark to the report is adding one row to its area's list ({@link ForkRows}, {@link ReactorRows},
 * {@link ServiceRows}, {@link RpcRows}, {@link DemoRows}); this class puts them in the report's order.
 *
 * <p>Each line reads {@code row(area, what is measured, anchor's name, weft's selector, anchor's selector or null,
 * direction, target)}; selectors are {@link Selector}'s one-line form. Ratios are always weft ÷ anchor, so a target
 * of "N× the anchor's speed" on a time per operation is the ratio bound 1/N. JMH results come from the runs of
 * {@link Plan}; {@code idle.*}, {@code dispatch-cpu.*}, {@code balance.*} and {@code process-latency.*} from the mains
 * ({@link MainOutput});
 * {@code demo.*} from {@code weft demo --json} ({@link DemoJson}).
 */
public final class Rows {

    private static final List<Row> ALL = java.util.stream.Stream.of(
                    ForkRows.ROWS, ReactorRows.ROWS, ServiceRows.ROWS, RpcRows.ROWS, DemoRows.ROWS)
            .flatMap(List::stream)
            .toList();

    private Rows() {}

    /**
     * Every row, in the order the report prints them.
     *
     * @return the rows
     */
    public static List<Row> all() {
        return ALL;
    }

    static Row row(
            final String area,
            final String what,
            final String anchorName,
            final String weft,
            final String anchor,
            final Direction direction,
            final Target target) {
        return new Row(
                area,
                what,
                anchorName,
                Selector.parse(weft),
                Optional.ofNullable(anchor).map(Selector::parse),
                direction,
                target);
    }
}
