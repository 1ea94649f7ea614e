package dev.weft.cli.demo;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The figures of one way of running the media sessions. Immutable: the bucket list is copied.
 *
 * @param way "weft" or "plain-jdk"
 * @param sessions how many sessions ran
 * @param sent packets sent, all sessions
 * @param received packets received
 * @param lost packets sent and never received ({@code sent - received})
 * @param reordered packets that arrived after a later packet of their stream
 * @param timed packets received that were scheduled after the warm-up: the ones the pacing figures describe
 * @param pacingP50Micros median pacing error, microseconds
 * @param pacingP99Micros 99th percentile pacing error, microseconds
 * @param pacingMaxMicros largest pacing error, microseconds
 * @param sendLateP50Micros median lateness of the sender alone (sent minus scheduled), microseconds
 * @param sendLateP99Micros 99th percentile of that lateness, microseconds
 * @param transitP50Micros median time from send to the receiver's read (arrival minus sent), microseconds
 * @param transitP99Micros 99th percentile of that time, microseconds
 * @param cpuNanos CPU time of the threads that sent and received, or -1 where unmeasured
 * @param cpuMillisPerSession that CPU time per session-second of sending, in milliseconds
 * @param pacingBuckets packets per pacing-error bucket: up to each bound of {@link #BUCKET_MICROS} and above the
 *     previous one, the last bucket holding every larger error
 */
public record MediaFigures(
        String way,
        int sessions,
        long sent,
        long received,
        long lost,
        long reordered,
        long timed,
        double pacingP50Micros,
        double pacingP99Micros,
        double pacingMaxMicros,
        double sendLateP50Micros,
        double sendLateP99Micros,
        double transitP50Micros,
        double transitP99Micros,
        long cpuNanos,
        double cpuMillisPerSession,
        List<Long> pacingBuckets) {

    /** The upper bounds of the pacing-error buckets, µs; one more bucket holds everything above the last. */
    public static final List<Long> BUCKET_MICROS =
            List.of(10L, 20L, 50L, 100L, 200L, 500L, 1_000L, 2_000L, 5_000L, 10_000L, 20_000L, 50_000L, 100_000L);

    /**
     * Copies the buckets.
     *
     * @param way the way
     * @param sessions sessions
     * @param sent sent
     * @param received received
     * @param lost lost
     * @param reordered reordered
     * @param timed timed
     * @param pacingP50Micros median
     * @param pacingP99Micros 99th percentile
     * @param pacingMaxMicros maximum
     * @param sendLateP50Micros the sender's median lateness
     * @param sendLateP99Micros the sender's 99th percentile lateness
     * @param transitP50Micros the median time from send to read
     * @param transitP99Micros the 99th percentile time from send to read
     * @param cpuNanos CPU time
     * @param cpuMillisPerSession CPU per session-second
     * @param pacingBuckets bucket counts
     */
    public MediaFigures {
        pacingBuckets = List.copyOf(pacingBuckets);
    }

    /**
     * Sums the receivers of one way into its figures.
     *
     * @param way the way's name
     * @param receivers one receiver per session, read after their threads stopped
     * @param sent packets sent in all
     * @param cpuNanos the CPU time spent, or -1
     * @param sessionSeconds the sending time of all sessions together, in session-seconds
     * @return the figures
     */
    static MediaFigures of(
            final String way,
            final List<StreamReceiver> receivers,
            final long sent,
            final long cpuNanos,
            final long sessionSeconds) {
        final Histogram all = new Histogram(60_000_000_000L, 3);
        final Histogram late = new Histogram(60_000_000_000L, 3);
        final Histogram transit = new Histogram(60_000_000_000L, 3);
        long received = 0;
        long reordered = 0;
        for (final StreamReceiver receiver : receivers) {
            all.add(receiver.errors());
            late.add(receiver.lateness());
            transit.add(receiver.transit());
            received += receiver.received();
            reordered += receiver.reordered();
        }
        final int sessions = receivers.size();
        final double perSession = cpuNanos < 0 || sessionSeconds <= 0 ? -1 : cpuNanos / 1e6 / sessionSeconds;
        return new MediaFigures(
                way,
                sessions,
                sent,
                received,
                sent - received,
                reordered,
                all.getTotalCount(),
                micros(all, 50),
                micros(all, 99),
                all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1e3,
                micros(late, 50),
                micros(late, 99),
                micros(transit, 50),
                micros(transit, 99),
                cpuNanos,
                perSession,
                buckets(all));
    }

    private static List<Long> buckets(final Histogram histogram) {
        final List<Long> counts = new ArrayList<>();
        long below = 0;
        for (final long bound : BUCKET_MICROS) {
            final long upTo = histogram.getTotalCount() == 0 ? 0 : histogram.getCountBetweenValues(0, bound * 1_000L);
            counts.add(upTo - below);
            below = upTo;
        }
        counts.add(histogram.getTotalCount() - below);
        return counts;
    }

    private static double micros(final Histogram histogram, final double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
