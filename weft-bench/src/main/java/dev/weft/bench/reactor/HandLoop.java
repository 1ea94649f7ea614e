package dev.weft.bench.reactor;

import java.util.List;

/**
 * The loop a user would write by hand over the same tasklets, with the accounting a weft reactor does: one
 * {@code nanoTime} at the start of a pass and one per poll, run/busy/idle counters per tasklet and per strand, the
 * paused check, and a spin when a pass found no work. The anchor of the dispatch benchmarks; the last "tasklet"
 * counts passes through a {@link PassCounter}.
 */
final class HandLoop implements Runnable {
    private final IdleWork[] work;
    private final long[] runs;
    private final long[] busyRuns;
    private final long[] busyNanos;
    private final long[] idleNanos;
    private final boolean[] paused;
    private final PassCounter counter;
    private final Thread thread;
    private volatile boolean running = true;

    @SuppressWarnings("UnusedVariable") // written as the reactor's accounting writes it: the cost measured
    private long strandBusy;

    @SuppressWarnings("UnusedVariable")
    private long strandIdle;

    HandLoop(final List<IdleWork> list, final PassCounter counter) {
        this.work = list.toArray(IdleWork[]::new);
        this.runs = new long[work.length + 1];
        this.busyRuns = new long[work.length + 1];
        this.busyNanos = new long[work.length + 1];
        this.idleNanos = new long[work.length + 1];
        this.paused = new boolean[work.length + 1];
        this.counter = counter;
        this.thread = Thread.ofPlatform().name("hand-loop").daemon(true).unstarted(this);
    }

    /** Starts the loop on its own daemon thread. */
    void start() {
        thread.start();
    }

    /**
     * Returns the loop's thread.
     *
     * @return the thread
     */
    Thread thread() {
        return thread;
    }

    /**
     * Stops the loop and waits for its thread to end.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    /** The loop. */
    @Override
    public void run() {
        while (running) {
            final long start = System.nanoTime();
            long clock = start;
            int done = 0;
            for (int i = 0; i <= work.length; i++) {
                if (paused[i]) {
                    continue;
                }
                final int result;
                if (i < work.length) {
                    result = work[i].poll();
                } else {
                    counter.pass();
                    result = 0;
                }
                final long now = System.nanoTime();
                runs[i]++;
                if (result > 0) {
                    busyRuns[i]++;
                    busyNanos[i] += now - clock;
                    done += result;
                } else {
                    idleNanos[i] += now - clock;
                }
                clock = now;
            }
            if (done > 0) {
                strandBusy += clock - start;
            } else {
                strandIdle += clock - start;
                Thread.onSpinWait();
            }
        }
    }
}
