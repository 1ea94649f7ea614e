package dev.weft.reactor;

/**
 * Polls the tasklets of the strands on one {@link Reactor}, one strand at a time, and gathers what the pass tells
 * the idler: whether an untimed tasklet was polled, the smallest sleep advice, and when the next timed tasklet or
 * strand timer is due. Reactor thread only, except {@link #timing}, which any thread may read and set.
 */
final class TaskletDispatch {

    /*
     * Implementation overview.
     *
     * Two loops over a strand's tasklet array, chosen once per pass. The timed loop reads the clock after every poll
     * and charges the elapsed time to the tasklet (EXACT: every pass, weight 1; SAMPLED: one pass in SAMPLE_EVERY,
     * weight SAMPLE_EVERY, so sums stay unbiased). The counting loop counts busy runs only (an untimed tasklet's
     * runs derive from its strand's pass count, see Tasklet) and reads the clock once, after the strand's last
     * poll, so an idle pass costs a loop of calls, one store per strand and one clock reading per strand;
     * a timed tasklet's poll still reads the clock, to set its next deadline from its end. Either way the caller gets
     * the clock reading that ends the strand's turn (lastReading), and charges the strand and the reactor exactly.
     *
     * Each poll publishes its position for the watchdog (ActivityProbe), skips paused tasklets and timed ones not
     * yet due, counts the whole periods a late timed tasklet missed, and stops a tasklet whose poll throws
     * (WorkLifecycle.failTasklet). The advice is read after each poll, as MTL reads advice_sleep_us once every
     * handler has run.
     */

    /** One pass in this many times its polls when timing is {@link TaskletTiming#SAMPLED}; a power of two. */
    static final int SAMPLE_EVERY = 16;

    private final Reactor reactor;
    private final ActivityProbe probe;
    private final WorkLifecycle lifecycle;
    private volatile TaskletTiming timing;
    private long passes;
    private boolean timedPass;
    private long weight;
    private boolean spinning;
    private long minAdvice;
    private long nextDue;
    private long lastReading;

    TaskletDispatch(
            final Reactor reactor,
            final ActivityProbe probe,
            final WorkLifecycle lifecycle,
            final TaskletTiming timing) {
        this.reactor = reactor;
        this.probe = probe;
        this.lifecycle = lifecycle;
        this.timing = timing;
    }

    TaskletTiming timing() {
        return timing;
    }

    void timing(final TaskletTiming newTiming) {
        timing = newTiming;
    }

    /** Starts a pass: clears the pass's advice and decides whether its polls are timed. */
    void beginPass() {
        assert reactor.inReactorThread() : "beginPass off " + reactor.name() + "'s thread";
        spinning = false;
        minAdvice = SleepRule.NO_ADVICE;
        nextDue = Long.MAX_VALUE;
        if (timing == TaskletTiming.EXACT) {
            timedPass = true;
            weight = 1;
        } else {
            timedPass = (passes++ & (SAMPLE_EVERY - 1)) == 0;
            weight = SAMPLE_EVERY;
        }
    }

    boolean spinning() {
        return spinning;
    }

    long minAdvice() {
        return minAdvice;
    }

    long nextDue() {
        return nextDue;
    }

    /** The clock reading that ended the last {@link #run}, or its start when it polled nothing. */
    long lastReading() {
        return lastReading;
    }

    /**
     * Runs a strand's due timers ({@link StrandTimers}), then polls its tasklets once.
     *
     * @param strand the strand
     * @param position its index in the reactor's strand array, for the watchdog
     * @param now the clock reading the strand's turn starts from
     * @return the work done
     */
    int run(final Strand strand, final int position, final long now) {
        assert reactor.inReactorThread() : "run off " + reactor.name() + "'s thread";
        final StrandLoopState loop = strand.loop();
        loop.countPass();
        final StrandTimers timers = loop.timers();
        if (!timers.any()) {
            return timedPass ? runTimed(strand, position, now) : runCounted(strand, position, now);
        }
        final int fired = timers.runDue(now, probe);
        final long start = fired > 0 ? System.nanoTime() : now;
        final int work = timedPass ? runTimed(strand, position, start) : runCounted(strand, position, start);
        nextDue = Math.min(nextDue, timers.nextDue());
        return work + fired;
    }

    private int runTimed(final Strand strand, final int position, final long start) {
        int work = 0;
        final long strandCode = ActivityProbe.strandCode(position);
        final Tasklet[] tasklets = strand.tasklets();
        final long scale = weight;
        long now = start;
        for (int at = 0; at < tasklets.length; at++) {
            final Tasklet tasklet = tasklets[at];
            if (tasklet.paused()) {
                tasklet.skipped();
                continue;
            }
            final boolean timed = tasklet.periodNanos() > 0;
            if (timed && !due(tasklet, now)) {
                continue;
            }
            probe.polling(strandCode | at);
            final int result = poll(strand, tasklet);
            final long end = System.nanoTime();
            tasklet.record(result, (end - now) * scale, scale != 1);
            now = end;
            if (timed) {
                scheduleNext(tasklet, end);
            } else {
                spinning = true;
                takeAdvice(tasklet.adviceSleepNanos());
            }
            if (result > 0) {
                work += result;
            }
        }
        lastReading = now;
        return work;
    }

    /** The untimed loop: see the overview. Kept lean, since an idle pass is mostly this loop. */
    private int runCounted(final Strand strand, final int position, final long start) {
        int work = 0;
        final long strandCode = ActivityProbe.strandCode(position);
        final Tasklet[] tasklets = strand.tasklets();
        boolean spin = spinning;
        long advice = minAdvice;
        long now = start;
        boolean polledSinceClock = false;
        for (int at = 0; at < tasklets.length; at++) {
            final Tasklet tasklet = tasklets[at];
            if (tasklet.paused()) {
                tasklet.skipped();
                continue;
            }
            if (tasklet.periodNanos() > 0) {
                if (due(tasklet, now)) {
                    probe.polling(strandCode | at);
                    final int result = poll(strand, tasklet);
                    tasklet.count(result);
                    now = System.nanoTime();
                    polledSinceClock = false;
                    scheduleNext(tasklet, now);
                    work += Math.max(result, 0);
                }
                continue;
            }
            spin = true;
            probe.polling(strandCode | at);
            final int result = poll(strand, tasklet);
            polledSinceClock = true;
            if (result > 0) {
                tasklet.countBusy();
                work += result;
            }
            final long given = tasklet.adviceSleepNanos();
            if (given > 0 && given < advice) {
                advice = given;
            }
        }
        spinning = spin;
        minAdvice = advice;
        lastReading = polledSinceClock ? System.nanoTime() : now;
        return work;
    }

    /** Whether a timed tasklet is due now; notes its deadline if not, and the whole periods it missed if late. */
    private boolean due(final Tasklet tasklet, final long now) {
        final long late = now - tasklet.nextDueNanos();
        if (late < 0) {
            nextDue = Math.min(nextDue, tasklet.nextDueNanos());
            return false;
        }
        final long period = tasklet.periodNanos();
        if (late >= period) {
            tasklet.missed(late / period);
        }
        return true;
    }

    private int poll(final Strand strand, final Tasklet tasklet) {
        try {
            return tasklet.poll();
        } catch (final Throwable e) {
            lifecycle.failTasklet(strand, tasklet, e);
            return 0;
        }
    }

    /** Sets a timed tasklet's next deadline from the end of its poll. */
    private void scheduleNext(final Tasklet tasklet, final long end) {
        tasklet.dueAfter(end);
        nextDue = Math.min(nextDue, tasklet.nextDueNanos());
    }

    private void takeAdvice(final long given) {
        if (given > 0 && given < minAdvice) {
            minAdvice = given;
        }
    }
}
