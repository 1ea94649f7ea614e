package dev.weft.bench.reactor;

import java.util.concurrent.locks.LockSupport;

/**
 * Counts passes of a loop and lets a benchmark thread sleep until a number of passes has gone by, so that a loop
 * running on its own thread can be timed in passes without the observer spinning on a core. The loop pays one
 * increment, one volatile read and one compare per pass, the same in every variant measured.
 */
final class PassCounter {

    private long passes;
    private long target = Long.MAX_VALUE;
    private volatile long request;
    private volatile boolean done;
    private volatile Thread waiter;

    /** Called by the loop once per pass. */
    void pass() {
        passes++;
        final long asked = request;
        if (asked != 0) {
            target = passes + asked;
            request = 0;
        } else if (passes >= target) {
            target = Long.MAX_VALUE;
            done = true;
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Blocks the caller until the loop has made {@code count} more passes.
     *
     * @param count passes to wait for, at least 1
     */
    void await(final long count) {
        waiter = Thread.currentThread();
        done = false;
        request = count;
        while (!done) {
            LockSupport.park(this);
        }
    }
}
