package dev.weft.bench.report;

import java.util.List;

/**
 * One measured number with its unit and, where the source gives one, its error (JMH's 99.9% confidence half-width;
 * NaN when unknown). A JMH figure from several forks is the median of the forks' means, and keeps each fork's mean as
 * one run.
 *
 * @param value the value
 * @param error the error half-width, or NaN
 * @param unit the unit as the source names it ({@code us/op}, {@code ops/s}, {@code % of a core}, ...)
 * @param runs each fork's mean, in fork order, when the source ran more than one; empty otherwise
 */
public record Figure(double value, double error, String unit, List<Double> runs) {

    /**
     * Checks the unit is present and copies the runs.
     *
     * @param value the value
     * @param error the error, or NaN
     * @param unit the unit (empty for a count)
     * @param runs each fork's mean, or empty
     * @throws IllegalArgumentException if {@code unit} or {@code runs} is null
     */
    public Figure {
        if (unit == null || runs == null) {
            throw new IllegalArgumentException(
                    "a figure needs a unit (empty for a plain count) and its runs (or none)");
        }
        runs = List.copyOf(runs);
    }

    /**
     * A figure from one run.
     *
     * @param value the value
     * @param error the error half-width, or NaN
     * @param unit the unit
     */
    public Figure(final double value, final double error, final String unit) {
        this(value, error, unit, List.of());
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
