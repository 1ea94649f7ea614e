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
     * EXACT: the timed loop reads the clock after every poll and charges the elapsed time to the tasklet.
     *
     * SAMPLED (the default): the counting loop, which counts busy runs only (an untimed tasklet's runs derive from
     * its strand's pass count, see Tasklet) and reads the clock once, after the strand's last poll; a timed tasklet's
     * poll still reads the clock, to set its next deadline from its end. One strand pass in SAMPLE_EVERY (by the
     * strand's own pass count) also times one tasklet, the next in rotation (pass / SAMPLE_EVERY modulo the array
     * length), and charges its time SAMPLE_EVERY x length times over, so every tasklet is sampled once per
     * SAMPLE_EVERY x length passes and sums stay unbiased. The sampled pass splits the counting loop in two around
     * that tasklet, so no per-poll branch decides it, and it costs two clock readings whatever the tasklet count:
     * an idle pass costs a loop of calls, one store per strand and one clock reading per strand.
     *
     * Either way the caller gets the clock reading that ends the strand's turn (lastReading) and charges the strand
     * and the reactor exactly. The loops keep the clock reading they know (reading) and whether a poll ran since it
     * (stale) in fields between segments, and in locals inside one.
     *
     * Each poll reads the tasklet's kind word once (Tasklet.kind: 0 for the common case, a polled tasklet not
     * paused), publishes its position for the watchdog (ActivityProbe), skips paused tasklets and timed ones not
     * yet due, counts the whole periods a late timed tasklet missed, and stops a tasklet whose poll throws
     * (WorkLifecycle.failTasklet). The advice is read after each poll, as MTL reads advice_sleep_us once every
     * handler has run, but only when the reactor's mode can use it (not POLL): the pass decides that once.
     */

    /** One strand pass in this many times one of its tasklets when timing is {@link TaskletTiming#SAMPLED}. */
    static final int SAMPLE_EVERY = 16;

    private final Reactor reactor;
    private final ActivityProbe probe;
    private final WorkLifecycle lifecycle;
    private final NanoClock clock;
    private volatile TaskletTiming timing;
    private boolean exactPass;
    private boolean wantAdvice;
    private boolean spinning;
    private long minAdvice;
    private long nextDue;
    private long reading;
    private boolean stale;

    TaskletDispatch(
            final Reactor reactor,
            final ActivityProbe probe,
            final WorkLifecycle lifecycle,
            final TaskletTiming timing,
            final NanoClock clock) {
        this.reactor = reactor;
        this.clock = clock;
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

    /**
     * Starts a pass: clears the pass's advice and decides how its polls are timed.
     *
     * @param adviceWanted whether the reactor's mode uses sleep advice (any mode but POLL)
     */
    void beginPass(final boolean adviceWanted) {
        assert reactor.inReactorThread() : "beginPass off " + reactor.name() + "'s thread";
        spinning = false;
        minAdvice = SleepRule.NO_ADVICE;
        nextDue = Long.MAX_VALUE;
        exactPass = timing == TaskletTiming.EXACT;
        wantAdvice = adviceWanted;
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
        return reading;
    }

    /**
     * Runs a strand's due timers ({@link StrandTimers}), then polls its tasklets once; {@link #lastReading()} then
     * gives the clock reading that ends the strand's turn.
     *
     * @param strand the strand
     * @param position its index in the reactor's strand array, for the watchdog
     * @param now the clock reading the strand's turn starts from
     * @return the work done
     */
    int run(final Strand strand, final int position, final long now) {
        assert reactor.inReactorThread() : "run off " + reactor.name() + "'s thread";
        final StrandLoopState loop = strand.loop();
        final long pass = loop.countPass();
        final StrandTimers timers = loop.timers();
        if (!timers.any()) {
            return endTurn(runTasklets(strand, position, now, pass));
        }
        final int fired = timers.runDue(now, probe);
        final long start = fired > 0 ? clock.nanoTime() : now;
        final int work = runTasklets(strand, position, start, pass);
        nextDue = Math.min(nextDue, timers.nextDue());
        return endTurn(work + fired);
    }

    /** Reads the clock that ends the strand's turn, unless the last poll already did. */
    private int endTurn(final int work) {
        if (stale) {
            reading = clock.nanoTime();
            stale = false;
        }
        return work;
    }

    private int runTasklets(final Strand strand, final int position, final long start, final long pass) {
        reading = start;
        stale = false;
        final Tasklet[] tasklets = strand.tasklets();
        final long strandCode = ActivityProbe.strandCode(position);
        if (exactPass) {
            return runTimed(strand, tasklets, strandCode);
        }
        if ((pass & (SAMPLE_EVERY - 1)) != 0 || tasklets.length == 0) {
            return runCounted(strand, tasklets, strandCode, 0, tasklets.length);
        }
        final int sample = (int) ((pass / SAMPLE_EVERY) % tasklets.length);
        int work = runCounted(strand, tasklets, strandCode, 0, sample);
        work += runSampled(strand, tasklets, strandCode, sample);
        return work + runCounted(strand, tasklets, strandCode, sample + 1, tasklets.length);
    }

    /** The exact loop: every poll timed. */
    private int runTimed(final Strand strand, final Tasklet[] tasklets, final long strandCode) {
        int work = 0;
        long now = reading;
        for (int at = 0; at < tasklets.length; at++) {
            final Tasklet tasklet = tasklets[at];
            final int kind = tasklet.kind();
            if ((kind & Tasklet.PAUSED) != 0) {
                tasklet.skipped();
                continue;
            }
            final boolean timed = kind != 0;
            if (timed && !due(tasklet, now)) {
                continue;
            }
            probe.polling(strandCode | at);
            final int result = poll(strand, tasklet);
            final long end = clock.nanoTime();
            tasklet.record(result, end - now, false);
            now = end;
            afterMeasuredPoll(tasklet, timed, end);
            if (result > 0) {
                work += result;
            }
        }
        reading = now;
        return work;
    }

    /** Polls and times the one tasklet a sampled pass picked; see the overview. */
    private int runSampled(final Strand strand, final Tasklet[] tasklets, final long strandCode, final int at) {
        final Tasklet tasklet = tasklets[at];
        final int kind = tasklet.kind();
        if ((kind & Tasklet.PAUSED) != 0) {
            tasklet.skipped();
            return 0;
        }
        final boolean timed = kind != 0;
        if (timed && !due(tasklet, reading)) {
            return 0;
        }
        final long start = stale ? clock.nanoTime() : reading;
        probe.polling(strandCode | at);
        final int result = poll(strand, tasklet);
        final long end = clock.nanoTime();
        tasklet.record(result, (end - start) * SAMPLE_EVERY * tasklets.length, true);
        reading = end;
        stale = false;
        afterMeasuredPoll(tasklet, timed, end);
        return Math.max(result, 0);
    }

    /** After a poll whose time was taken: a timed tasklet's next due time, or an untimed one's spin and advice. */
    private void afterMeasuredPoll(final Tasklet tasklet, final boolean timed, final long end) {
        if (timed) {
            scheduleNext(tasklet, end);
        } else {
            spinning = true;
            if (wantAdvice) {
                takeAdvice(tasklet.adviceSleepNanos());
            }
        }
    }

    /** The counting loop over tasklets [from, to): see the overview. Kept lean, since an idle pass is mostly this. */
    private int runCounted(
            final Strand strand, final Tasklet[] tasklets, final long strandCode, final int from, final int to) {
        int work = 0;
        final boolean advised = wantAdvice;
        boolean spin = spinning;
        long advice = minAdvice;
        long now = reading;
        boolean polledSinceClock = stale;
        for (int at = from; at < to; at++) {
            final Tasklet tasklet = tasklets[at];
            final int kind = tasklet.kind();
            if (kind != 0) {
                if ((kind & Tasklet.PAUSED) != 0) {
                    tasklet.skipped();
                } else if (due(tasklet, now)) {
                    probe.polling(strandCode | at);
                    final int result = poll(strand, tasklet);
                    tasklet.count(result);
                    now = clock.nanoTime();
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
            if (advised) {
                final long given = tasklet.adviceSleepNanos();
                if (given > 0 && given < advice) {
                    advice = given;
                }
            }
        }
        spinning = spin;
        minAdvice = advice;
        reading = now;
        stale = polledSinceClock;
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
