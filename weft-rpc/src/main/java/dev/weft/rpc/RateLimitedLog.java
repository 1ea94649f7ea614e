package dev.weft.rpc;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A log line that is written at most once per interval, with a count of the occurrences left out since the last one
 * written, so that an attack or a fault repeating thousands of times a second cannot flood the log. Never throws:
 * it is called from the server's own threads, in the middle of handling failures (out of memory included).
 * Thread-safe.
 */
final class RateLimitedLog {

    private final System.Logger log;
    private final System.Logger.Level level;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastNanos;
    private boolean written;
    private long suppressed;

    RateLimitedLog(
            final System.Logger log,
            final System.Logger.Level level,
            final long intervalNanos,
            final LongSupplier clock) {
        this.log = log;
        this.level = level;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /**
     * Logs a message unless one was logged less than an interval ago.
     *
     * @param message makes the message, called only when it is written
     */
    void log(final Supplier<String> message) {
        try {
            final long more;
            synchronized (this) {
                final long now = clock.getAsLong();
                if (written && now - lastNanos < intervalNanos) {
                    suppressed++;
                    return;
                }
                written = true;
                lastNanos = now;
                more = suppressed;
                suppressed = 0;
            }
            log.log(
                    level,
                    more == 0
                            ? message.get()
                            : message.get() + " (and " + more + " more like it since the last report)");
        } catch (final Throwable ignored) {
            // Logging is best effort here: failing to log must not end the thread that handles the failure.
        }
    }
}
