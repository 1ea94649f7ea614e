package dev.weft.bench.report;

/**
 * The target for one row of the report: a bound on weft's own figure (for example "p50 at most 300 µs"), a
 * bound on the ratio weft ÷ anchor (for example "at most 1.1× the hand-written loop"), or none (the row is reported
 * for context: some comparisons have no bound).
 *
 * <p>The comparison's sign comes from the row's {@link Direction}; a target holds only what is compared and the
 * bound, so "1.3× ForkJoinPool's speed" on a time per operation is written as the ratio bound 1/1.3. A ratio bound
 * may be asked of every run rather than of the median ({@link #ratioInEveryRun}): weft's fork i against the anchor's
 * fork i, each pair as one {@code -f 1} run of the row's command would measure it.
 *
 * @param kind what the bound applies to
 * @param bound the bound (ignored for {@link Kind#NONE})
 * @param runs how many runs an {@link Kind#RATIO_IN_EVERY_RUN} target needs; 0 for the other kinds
 */
public record Target(Kind kind, double bound, int runs) {

    /** What a target bounds. */
    public enum Kind {
        /** No target: the row is context. */
        NONE,
        /** The ratio weft ÷ anchor. */
        RATIO,
        /** The ratio weft ÷ anchor of each run, fork by fork, in at least {@link #runs} runs. */
        RATIO_IN_EVERY_RUN,
        /** weft's figure itself, in the row's unit. */
        FIGURE
    }

    /**
     * Checks the bound is a number when there is one, and the number of runs.
     *
     * @param kind what the bound applies to
     * @param bound the bound
     * @param runs the runs an every-run target needs, 0 otherwise
     * @throws IllegalArgumentException if {@code kind} is null, the bound is not finite, or the runs do not fit the
     *     kind
     */
    public Target {
        if (kind == null) {
            throw new IllegalArgumentException("a target needs a kind (NONE, RATIO, RATIO_IN_EVERY_RUN or FIGURE)");
        }
        if (kind != Kind.NONE && !Double.isFinite(bound)) {
            throw new IllegalArgumentException("a " + kind + " target needs a finite bound, not " + bound);
        }
        if (kind == Kind.RATIO_IN_EVERY_RUN ? runs < 2 : runs != 0) {
            throw new IllegalArgumentException("a " + kind + " target needs "
                    + (kind == Kind.RATIO_IN_EVERY_RUN ? "at least 2" : "no") + " runs, not " + runs);
        }
    }

    /**
     * No target.
     *
     * @return the empty target
     */
    public static Target none() {
        return new Target(Kind.NONE, 0, 0);
    }

    /**
     * A bound on the ratio weft ÷ anchor.
     *
     * @param bound the bound
     * @return the target
     */
    public static Target ratio(final double bound) {
        return new Target(Kind.RATIO, bound, 0);
    }

    /**
     * A bound on the ratio weft ÷ anchor in each of at least {@code runs} runs: weft's fork i against the anchor's
     * fork i.
     *
     * @param bound the bound
     * @param runs the number of runs (JMH forks on each side) the verdict needs, at least 2
     * @return the target
     */
    public static Target ratioInEveryRun(final double bound, final int runs) {
        return new Target(Kind.RATIO_IN_EVERY_RUN, bound, runs);
    }

    /**
     * A bound on weft's figure.
     *
     * @param bound the bound, in the row's unit
     * @return the target
     */
    public static Target figure(final double bound) {
        return new Target(Kind.FIGURE, bound, 0);
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
            case RATIO_IN_EVERY_RUN ->
                "ratio " + direction.symbol() + " " + Numbers.format(bound) + " in each of " + runs + " runs";
            case FIGURE -> direction.symbol() + " " + Numbers.format(bound) + (unit.isEmpty() ? "" : " " + unit);
        };
    }
}
