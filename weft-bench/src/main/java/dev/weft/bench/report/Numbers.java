package dev.weft.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * Number formatting and lenient parsing for the report.
 *
 * <p>Figures span nanoseconds to millions of operations, so the format keeps about three significant digits and never
 * uses exponents: integers from 100 up, one decimal from 10, two from 1, three significant digits below. Parsing
 * accepts what the benchmark mains print under any locale: a decimal point or comma, and JMH's {@code "NaN"} strings.
 */
final class Numbers {

    private Numbers() {}

    /**
     * Formats a figure with about three significant digits, {@code —} for a missing (NaN) value.
     *
     * @param value the value
     * @return the text
     */
    static String format(final double value) {
        if (Double.isNaN(value)) {
            return "—";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 100 || (value == Math.rint(value) && magnitude < 1e15)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return new BigDecimal(value)
                .round(new MathContext(3))
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * The median: the middle value, or the mean of the two middle values of an even count.
     *
     * @param values the values, at least one
     * @return the median
     * @throws IllegalArgumentException if there are none
     */
    static double median(final List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no values");
        }
        final List<Double> sorted = values.stream().sorted().toList();
        final int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Parses a number as a benchmark main printed it: a decimal comma is read as a point, {@code NaN} as NaN.
     *
     * @param text the text
     * @return the value
     * @throws NumberFormatException naming the text if it is not a number
     */
    static double parse(final String text) {
        final String trimmed = text.trim();
        try {
            return Double.parseDouble(trimmed.replace(',', '.'));
        } catch (final NumberFormatException e) {
            throw new NumberFormatException("not a number: \"" + text + "\"");
        }
    }
}
