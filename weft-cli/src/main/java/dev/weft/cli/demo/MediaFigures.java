package dev.weft.cli.demo;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The figures of one way of running the media sessions.
 *
 * @param way "weft" or "plain-jdk"
 * @param sessions how many sessions ran
 * @param sent packets sent, all sessions
 * @param received packets received
 * @param lost packets sent and never received ({@code sent - received})
 * @param reordered packets that arrived after a later packet of their stream
 * @param pacingP50Micros median pacing error, microseconds
 * @param pacingP99Micros 99th percentile pacing error, microseconds
 * @param pacingMaxMicros largest pacing error, microseconds
 * @param cpuNanos CPU time of the threads that sent and received, or -1 where unmeasured
 * @param cpuMillisPerSession that CPU time per session and per second of sending, in milliseconds
 */
public record MediaFigures(String way, int sessions, long sent, long received, long lost, long reordered,
        double pacingP50Micros, double pacingP99Micros, double pacingMaxMicros, long cpuNanos,
        double cpuMillisPerSession) {

    /**
     * Sums the receivers of one way into its figures.
     *
     * @param way the way's name
     * @param receivers one receiver per session, read after their threads stopped
     * @param sent packets sent in all
     * @param cpuNanos the CPU time spent, or -1
     * @param seconds the sending time in seconds
     * @return the figures
     */
    static MediaFigures of(final String way, final List<StreamReceiver> receivers, final long sent,
            final long cpuNanos, final int seconds) {
        final Histogram all = new Histogram(60_000_000_000L, 3);
        long received = 0;
        long reordered = 0;
        for (final StreamReceiver receiver : receivers) {
            all.add(receiver.errors());
            received += receiver.received();
            reordered += receiver.reordered();
        }
        final int sessions = receivers.size();
        final double perSession = cpuNanos < 0 || sessions == 0 ? -1
                : cpuNanos / 1e6 / sessions / seconds;
        return new MediaFigures(way, sessions, sent, received, sent - received, reordered,
                micros(all, 50), micros(all, 99), all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1e3,
                cpuNanos, perSession);
    }

    private static double micros(final Histogram histogram, final double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e3;
    }
}
