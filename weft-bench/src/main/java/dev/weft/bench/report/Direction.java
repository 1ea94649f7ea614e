package dev.weft.bench.report;

/**
 * Which way a figure improves: {@link #HIGHER} for rates (requests per second, work done), {@link #LOWER} for times,
 * latencies and costs.
 *
 * <p>The direction also fixes how a target is read: a bound is met when the figure (or the ratio weft ÷ anchor) is at
 * least the bound for {@code HIGHER} and at most the bound for {@code LOWER}. Ratios keep the direction of the figures
 * they divide, so one comparison serves absolute and relative targets alike.
 */
public enum Direction {

    /** Larger is better: the bound is a floor. */
    HIGHER("≥"),

    /** Smaller is better: the bound is a ceiling. */
    LOWER("≤");

    private final String symbol;

    Direction(final String symbol) {
        this.symbol = symbol;
    }

    /**
     * Whether a value satisfies a bound in this direction.
     *
     * @param value the figure or ratio
     * @param bound the target's bound
     * @return true if {@code value} is on the good side of {@code bound} or equal to it
     */
    public boolean meets(final double value, final double bound) {
        return this == HIGHER ? value >= bound : value <= bound;
    }

    /**
     * The comparison sign a target in this direction is written with.
     *
     * @return {@code ≥} or {@code ≤}
     */
    public String symbol() {
        return symbol;
    }
}
