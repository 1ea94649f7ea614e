package dev.weft.cli.spdk;

import dev.weft.reactor.Tasklet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tasklets a {@code weft run} configuration names for SPDK's test scripts, standing in for the threads that SPDK's
 * scheduler test plugin creates ({@code create_thread}) and loads ({@code active_thread}): an idle one, and one
 * that spins while {@link #BUSY} is set.
 */
public final class LoadTasklets {

    /** Whether every {@link Busy} tasklet spins (SPDK's {@code active_thread ... 100}) or idles ({@code ... 0}). */
    static final AtomicBoolean BUSY = new AtomicBoolean();

    private LoadTasklets() {}

    /** Polled, never busy. */
    public static final class Idle extends Tasklet {

        /** Creates the tasklet; {@code weft run} calls this. */
        public Idle() {
            super("idle");
        }

        @Override
        public int poll() {
            return 0;
        }
    }

    /** Polled, spinning 50 µs a poll while {@link #BUSY} is set. */
    public static final class Busy extends Tasklet {

        /** Creates the tasklet; {@code weft run} calls this. */
        public Busy() {
            super("busy");
        }

        @Override
        public int poll() {
            if (!BUSY.get()) {
                return 0;
            }
            final long end = System.nanoTime() + 50_000;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return 1;
        }
    }
}
