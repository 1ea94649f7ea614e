package dev.weft.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pairs the declared rows with the measurements of one run and judges each target.
 *
 * <p>For each row, weft's selector and the anchor's each pick exactly one measurement and read one metric from it.
 * A selector that matches nothing (the benchmark did not run, failed, or was renamed), matches more than one
 * measurement, or names a metric the measurement lacks gives no figure, and the row says which. The ratio is always
 * weft ÷ anchor; a ratio target compares it, a figure target compares weft's figure, each in the row's direction.
 * An every-run target compares each run's ratio (weft's fork i over the anchor's fork i) and is missed, with a note,
 * when either side ran fewer forks than it needs.
 * Every measurement that no row selects is returned as unpaired, so a new benchmark shows up in the report before
 * anyone has given it a row rather than disappearing.
 */
public final class Pairing {

    private Pairing() {}

    /**
     * The rows with their figures, and what no row claimed.
     *
     * @param rows the rows in declaration order
     * @param unpaired the measurements no row selects, in the order the run produced them
     */
    public record Result(List<PairedRow> rows, List<Measurement> unpaired) {

        /**
         * Copies the lists.
         *
         * @param rows the paired rows
         * @param unpaired the unpaired measurements
         */
        public Result {
            rows = List.copyOf(rows);
            unpaired = List.copyOf(unpaired);
        }
    }

    /** A selector's outcome: the measurement and its figure, or why there is none. */
    private record Pick(Measurement measurement, Figure figure, String problem) {}

    /**
     * Pairs every row with the run's measurements.
     *
     * @param rows the declared rows
     * @param measurements everything the run measured
     * @return the paired rows and the unpaired measurements
     */
    public static Result pair(final List<Row> rows, final List<Measurement> measurements) {
        final Set<Measurement> used = new LinkedHashSet<>();
        final List<PairedRow> paired = new ArrayList<>();
        for (final Row row : rows) {
            paired.add(pair(row, measurements, used));
        }
        final List<Measurement> unpaired =
                measurements.stream().filter(m -> !used.contains(m)).toList();
        return new Result(paired, unpaired);
    }

    private static PairedRow pair(final Row row, final List<Measurement> measurements, final Set<Measurement> used) {
        final Pick weft = pick(row.weft(), measurements, used);
        final Optional<Pick> anchor = row.anchor().map(selector -> pick(selector, measurements, used));
        if (weft.figure() == null) {
            return new PairedRow(
                    row,
                    null,
                    anchor.map(Pick::figure).orElse(null),
                    Double.NaN,
                    PairedRow.Status.NOT_RUN,
                    "weft: " + weft.problem(),
                    "");
        }
        final Figure anchorFigure = anchor.map(Pick::figure).orElse(null);
        final double ratio = anchorFigure == null || anchorFigure.value() == 0
                ? Double.NaN
                : weft.figure().value() / anchorFigure.value();
        final String note = anchor.isPresent() && anchorFigure == null
                ? "anchor: " + anchor.get().problem()
                : tooFewRuns(row, weft.figure(), anchorFigure);
        final String command = Reproduce.of(
                weft.measurement(), anchorFigure == null ? null : anchor.get().measurement());
        return new PairedRow(
                row,
                weft.figure(),
                anchorFigure,
                ratio,
                verdict(row, weft.figure(), anchorFigure, ratio),
                note,
                command);
    }

    private static PairedRow.Status verdict(final Row row, final Figure weft, final Figure anchor, final double ratio) {
        return switch (row.target().kind()) {
            case NONE -> PairedRow.Status.NO_TARGET;
            case FIGURE -> judge(row, weft.value());
            case RATIO ->
                anchor == null
                        ? PairedRow.Status.ANCHOR_NOT_RUN
                        : Double.isNaN(ratio) ? PairedRow.Status.MISSED : judge(row, ratio);
            case RATIO_IN_EVERY_RUN ->
                anchor == null ? PairedRow.Status.ANCHOR_NOT_RUN : judgeEveryRun(row, weft, anchor);
        };
    }

    private static PairedRow.Status judgeEveryRun(final Row row, final Figure weft, final Figure anchor) {
        final List<Double> ratios = runRatios(weft, anchor);
        if (ratios.size() < row.target().runs()) {
            return PairedRow.Status.MISSED;
        }
        for (final double ratio : ratios) {
            if (judge(row, ratio) == PairedRow.Status.MISSED) {
                return PairedRow.Status.MISSED;
            }
        }
        return PairedRow.Status.MET;
    }

    private static String tooFewRuns(final Row row, final Figure weft, final Figure anchor) {
        if (row.target().kind() != Target.Kind.RATIO_IN_EVERY_RUN
                || anchor == null
                || runRatios(weft, anchor).size() >= row.target().runs()) {
            return "";
        }
        return "the target needs " + row.target().runs() + " runs on each side, paired fork by fork, and the run had "
                + weft.runs().size() + " for weft and " + anchor.runs().size() + " for the anchor";
    }

    /**
     * The ratio weft ÷ anchor of each run: weft's fork i over the anchor's fork i.
     *
     * @param weft weft's figure
     * @param anchor the anchor's figure
     * @return one ratio per run, or none when the two sides ran different numbers of forks (or only one)
     */
    public static List<Double> runRatios(final Figure weft, final Figure anchor) {
        if (weft.runs().isEmpty() || weft.runs().size() != anchor.runs().size()) {
            return List.of();
        }
        final List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < weft.runs().size(); i++) {
            ratios.add(weft.runs().get(i) / anchor.runs().get(i));
        }
        return ratios;
    }

    private static PairedRow.Status judge(final Row row, final double value) {
        return !Double.isNaN(value) && row.direction().meets(value, row.target().bound())
                ? PairedRow.Status.MET
                : PairedRow.Status.MISSED;
    }

    private static Pick pick(
            final Selector selector, final List<Measurement> measurements, final Set<Measurement> used) {
        final List<Measurement> matches =
                measurements.stream().filter(selector::matches).toList();
        used.addAll(matches);
        if (matches.isEmpty()) {
            return new Pick(null, null, "no result matches \"" + describe(selector) + "\"");
        }
        if (matches.size() > 1) {
            return new Pick(
                    null, null, matches.size() + " results match \"" + describe(selector) + "\"; name more parameters");
        }
        final Measurement measurement = matches.getFirst();
        final Figure figure = measurement.metrics().get(selector.metric());
        if (figure == null) {
            return new Pick(
                    measurement,
                    null,
                    measurement.label() + " has no metric " + selector.metric() + " (it has "
                            + String.join(
                                    ", ", new TreeSet<>(measurement.metrics().keySet())) + ")");
        }
        return new Pick(measurement, figure, "");
    }

    private static String describe(final Selector selector) {
        final StringBuilder text = new StringBuilder(selector.name());
        if (!selector.mode().isEmpty()) {
            text.append(" mode=").append(selector.mode());
        }
        if (selector.threads() > 0) {
            text.append(" threads=").append(selector.threads());
        }
        selector.params()
                .forEach(
                        (key, value) -> text.append(' ').append(key).append('=').append(value));
        return text.append(" metric=").append(selector.metric()).toString();
    }
}
