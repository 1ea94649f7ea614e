package dev.weft.bench.report;

/**
 * One measured number with its unit and, where the source gives one, its error (JMH's 99.9% confidence half-width;
 * NaN when unknown).
 *
 * @param value the value
 * @param error the error half-width, or NaN
 * @param unit the unit as the source names it ({@code us/op}, {@code ops/s}, {@code % of a core}, ...)
 */
public record Figure(double value, double error, String unit) {

    /**
     * Checks the unit is present.
     *
     * @param value the value
     * @param error the error, or NaN
     * @param unit the unit (empty for a count)
     * @throws IllegalArgumentException if {@code unit} is null
     */
    public Figure {
        if (unit == null) {
            throw new IllegalArgumentException("a figure needs a unit (empty for a plain count)");
        }
    }

    /**
     * A figure without an error estimate.
     *
     * @param value the value
     * @param unit the unit
     * @return the figure
     */
    public static Figure of(final double value, final String unit) {
        return new Figure(value, Double.NaN, unit);
    }

    /**
     * The value, with {@code ± error} when the error is known.
     *
     * @return the text, without the unit
     */
    public String render() {
        final String main = Numbers.format(value);
        return Double.isNaN(error) || Double.isNaN(value) ? main : main + " ± " + Numbers.format(error);
    }
}
