package dev.weft.bench.report;

/**
 * The target for one row of the report: a bound on weft's own figure (for example "p50 at most 300 µs"), a
 * bound on the ratio weft ÷ anchor (for example "at most 1.1× the hand-written loop"), or none (the row is reported
 * for context: some comparisons have no bound).
 *
 * <p>The comparison's sign comes from the row's {@link Direction}; a target holds only what is compared and the
 * bound, so "1.3× ForkJoinPool's speed" on a time per operation is written as the ratio bound 1/1.3.
 *
 * @param kind what the bound applies to
 * @param bound the bound (ignored for {@link Kind#NONE})
 */
public record Target(Kind kind, double bound) {

    /** What a target bounds. */
    public enum Kind {
        /** No target: the row is context. */
        NONE,
        /** The ratio weft ÷ anchor. */
        RATIO,
        /** weft's figure itself, in the row's unit. */
        FIGURE
    }

    /**
     * Checks the bound is a number when there is one.
     *
     * @param kind what the bound applies to
     * @param bound the bound
     * @throws IllegalArgumentException if {@code kind} is null or the bound is not finite
     */
    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("a target needs a kind (NONE, RATIO or FIGURE)");
        }
        if (kind != Kind.NONE && !Double.isFinite(bound)) {
            throw new IllegalArgumentException("a " + kind + " target needs a finite bound, not " + bound);
        }
    }

    /**
     * No target.
     *
     * @return the empty target
     */
    public static Target none() {
        return new Target(Kind.NONE, 0);
    }

    /**
     * A bound on the ratio weft ÷ anchor.
     *
     * @param bound the bound
     * @return the target
     */
    public static Target ratio(final double bound) {
        return new Target(Kind.RATIO, bound);
    }

    /**
     * A bound on weft's figure.
     *
     * @param bound the bound, in the row's unit
     * @return the target
     */
    public static Target figure(final double bound) {
        return new Target(Kind.FIGURE, bound);
    }

    /**
     * The target as the report prints it, for example {@code ratio ≤ 1.1} or {@code ≤ 300 us/op}.
     *
     * @param direction the row's direction, which gives the sign
     * @param unit the unit of weft's figure
     * @return the text, or {@code —} for no target
     */
    public String render(final Direction direction, final String unit) {
        return switch (kind) {
            case NONE -> "—";
            case RATIO -> "ratio " + direction.symbol() + " " + Numbers.format(bound);
            case FIGURE -> direction.symbol() + " " + Numbers.format(bound) + (unit.isEmpty() ? "" : " " + unit);
        };
    }
}
