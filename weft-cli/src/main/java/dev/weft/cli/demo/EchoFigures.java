package dev.weft.cli.demo;

/**
 * The figures of one way of serving UDP echo.
 *
 * @param way "weft" or "plain-jdk"
 * @param requests requests sent by the load generator
 * @param replies replies received
 * @param lost requests without a reply ({@code requests - replies})
 * @param rttP50Micros median round trip, microseconds
 * @param rttP99Micros 99th percentile round trip, microseconds
 * @param rttMaxMicros largest round trip, microseconds
 * @param serverCpuNanos CPU time of the server's threads, or -1 where unmeasured
 */
public record EchoFigures(
        String way,
        long requests,
        long replies,
        long lost,
        double rttP50Micros,
        double rttP99Micros,
        double rttMaxMicros,
        long serverCpuNanos) {}
