package dev.weft.reactor;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Reports a reactor that stays inside one piece of work (a poll, a handler, a message) longer than a threshold.
 * A reported stall is reported again, whole, when it ends. Watchdog thread only.
 */
final class Watchdog implements Runnable {

    /*
     * Implementation overview.
     *
     * A reactor publishes, with one opaque store per piece of work, what it runs now (ActivityProbe), clears it at
     * the end of each pass, and counts its passes. The watchdog thread wakes four times per threshold and compares
     * each reactor's activity and pass count with what it saw before: the same non-null activity within the same
     * pass means the reactor has not left that work since (a pass visits each tasklet and handler once, and a
     * strand's messages count as one activity); once that has lasted a threshold, it reports it to the
     * ReactorListener, once per episode, and when the activity changes it reports the whole stall as recovered. A
     * stuck reactor cannot hide, because the watchdog never needs its cooperation. A strand's virtual thread runs
     * as one of its messages; a report of such a message names the thread the strand published as running, with
     * its stack.
     */

    /** Frames of a stuck virtual thread's stack that a report shows. */
    private static final int STACK_FRAMES = 24;

    private final List<Reactor> reactors;
    private final long thresholdNanos;
    private final ReactorListener listener;
    private final long[] lastSequence;
    private final Object[] lastActivity;
    private final long[] since;
    private final String[] reported;
    private volatile boolean stopped;
    private volatile Thread thread;

    Watchdog(final List<Reactor> reactors, final long thresholdNanos, final ReactorListener listener) {
        this.reactors = reactors;
        this.thresholdNanos = thresholdNanos;
        this.listener = listener;
        this.lastSequence = new long[reactors.size()];
        this.lastActivity = new Object[reactors.size()];
        this.since = new long[reactors.size()];
        this.reported = new String[reactors.size()];
    }

    void start(final String groupName) {
        final Thread started =
                Thread.ofPlatform().name(groupName + "-watchdog").daemon(true).unstarted(this);
        thread = started;
        started.start();
    }

    void stop() throws InterruptedException {
        stopped = true;
        final Thread running = thread;
        if (running != null) {
            LockSupport.unpark(running);
            running.join();
        }
    }

    @Override
    public void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, Math.max(1, thresholdNanos / 4));
            check(System.nanoTime());
        }
    }

    private void check(final long now) {
        for (int i = 0; i < reactors.size(); i++) {
            final Reactor reactor = reactors.get(i);
            final Object activity = reactor.activity();
            final long sequence = reactor.loops();
            if (activity == null || sequence != lastSequence[i] || activity != lastActivity[i]) {
                if (reported[i] != null) {
                    final String stalled = reported[i];
                    final long stall = now - since[i];
                    tell(() -> listener.recovered(reactor.name(), stalled, stall));
                }
                lastSequence[i] = sequence;
                lastActivity[i] = activity;
                since[i] = now;
                reported[i] = null;
            } else if (reported[i] == null && now - since[i] >= thresholdNanos) {
                final String stalled = describe(activity);
                final long stall = now - since[i];
                reported[i] = stalled;
                tell(() -> listener.stuck(reactor.name(), stalled, stall));
            }
        }
    }

    private static void tell(final Runnable report) {
        try {
            report.run();
        } catch (final RuntimeException e) {
            System.getLogger(Watchdog.class.getName())
                    .log(System.Logger.Level.ERROR, "a reactor listener failed on a watchdog report", e);
        }
    }

    static String describe(final Object activity) {
        if (activity instanceof Tasklet tasklet) {
            return "tasklet '" + tasklet.name() + "'"
                    + tasklet.strand().map(s -> " on strand '" + s.name() + "'").orElse("");
        }
        if (activity instanceof Registration registration) {
            return "handler of " + registration;
        }
        if (activity instanceof Strand strand) {
            final Thread carried = strand.runningVirtualThread();
            if (carried != null) {
                return "virtual thread " + StrandVirtualThreads.describe(carried) + " of strand '" + strand.name()
                        + "', which holds its carrier, at" + stack(carried.getStackTrace());
            }
            return "a message of strand '" + strand.name() + "'";
        }
        return "a reactor message";
    }

    private static String stack(final StackTraceElement[] frames) {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(frames.length, STACK_FRAMES); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        if (frames.length > STACK_FRAMES) {
            text.append("\n\t... ").append(frames.length - STACK_FRAMES).append(" more");
        }
        return text.toString();
    }
}
