package dev.weft.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    /** A logger that keeps what it is given. */
    private static final class Captured implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "captured";
        }

        @Override
        public boolean isLoggable(final Level level) {
            return true;
        }

        @Override
        public void log(final Level level, final ResourceBundle bundle, final String message, final Throwable e) {
            lines.add(message);
        }

        @Override
        public void log(final Level level, final ResourceBundle bundle, final String format, final Object... params) {
            lines.add(format);
        }
    }

    @Test
    void writesAtMostOneLinePerIntervalAndCountsTheRest() {
        final Captured logger = new Captured();
        final AtomicLong now = new AtomicLong();
        final RateLimitedLog log = new RateLimitedLog(logger, System.Logger.Level.WARNING, 10, now::get);
        for (int i = 0; i < 5; i++) {
            log.log(() -> "refused");
        }
        now.addAndGet(10);
        log.log(() -> "refused");
        log.log(() -> "refused");
        assertThat(logger.lines).containsExactly("refused", "refused (and 4 more like it since the last report)");
    }

    @Test
    void aMessageThatFailsToBuildNeverReachesTheCaller() {
        final RateLimitedLog log = new RateLimitedLog(new Captured(), System.Logger.Level.WARNING, 10, () -> 0);
        log.log(() -> {
            throw new OutOfMemoryError("Java heap space");
        });
    }
}
