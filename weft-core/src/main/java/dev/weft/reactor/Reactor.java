package dev.weft.reactor;

import dev.weft.events.CoreEvents;
import dev.weft.platform.NativeThread;
import dev.weft.platform.NativeUnsupportedException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * One OS thread looping over strands: SPDK's reactor, MTL's scheduler, OpenPerf's worker.
 *
 * <p><b>The loop.</b> Each pass drains up to a batch of the reactor's own messages (strand arrivals, mode changes),
 * then for each strand drains a batch of its mailbox, runs the handlers of its raised signals and polls its
 * tasklets (timed ones only when due, paused ones not at all), then, if any channel is registered, runs the handlers
 * of ready channels ({@code selectNow}). Each poll's elapsed time is charged to the tasklet, each strand's pass to
 * the strand, and the whole pass to the reactor, as busy when work was done and idle otherwise; a sleep or yield
 * between passes is idle time for the reactor and for every strand on it; one {@link System#nanoTime()} per poll
 * serves all three, and a pass starts at the clock reading that ended the one before it (or the sleep or yield
 * between them), so the reactor's busy and idle time add up to its wall time with no clock read of its own per pass;
 * a poll-mode spin between two passes is charged to the second. Moves and closes requested during the pass are
 * completed at its end: a strand leaves only at a loop boundary and reaches its new reactor through that reactor's
 * mailbox. The pass ends with a quiescent checkpoint for the group's {@link Recycler}.
 *
 * <p><b>Idling.</b> A pass without work idles by the {@link ReactorMode}: spin, MTL's sleep rule ({@link SleepRule}),
 * or block until input or the next timed tasklet. The sleep rule takes each polled tasklet's advice as it stands
 * <em>after</em> the poll of that pass, as MTL reads {@code advice_sleep_us} once every handler has run: a pacing
 * tasklet advises "until my next deadline, from now", and the same advice read one pass later (a whole sleep later, up
 * to the default sleep, {@link #defaultSleep(Duration)}) would make the reactor oversleep the deadline by that sleep.
 * {@code AUTO} picks interrupt exactly when the pass polled no untimed tasklet (OpenPerf's pollable/spinning rule),
 * so the rule follows tasklets as they come, go, pause and resume. A reactor with registered channels
 * ({@link ReactorChannels}) waits in {@link Selector#select(long)}, otherwise in {@link LockSupport#parkNanos}.
 * {@code select} takes whole milliseconds, so a timed wait there is rounded <em>down</em>: it never oversleeps, and
 * the next idle pass sleeps the remainder. A sleep under 1 ms (MTL's advice-driven naps) parks even with channels
 * registered, so it lasts what was asked rather than a rounded-up millisecond; every pass polls the channels
 * ({@code selectNow}), so a channel that becomes ready during such a nap waits at most the nap, as a polled tasklet
 * would.
 *
 * <p><b>No lost wake-up.</b> MTL arms its alarm before it takes the mutex, so an early alarm can be lost. Here
 * waking is a Dekker handshake on one state word: the reactor publishes "parked" or "selecting", issues a full
 * fence, and checks every input queue once more before it blocks; a poster writes its queue, issues a full fence,
 * and reads the state. One of the two must see the other. The poster that moves the state from asleep to awake
 * with a CAS is the only one that calls {@code unpark} or {@code Selector.wakeup()}, so a burst of posts costs
 * one wake-up, and a busy reactor costs its posters a fence and a read. A stale permit or selector wake-up only
 * makes one later wait return early, which the loop absorbs.
 *
 * <p><b>Single writer.</b> Every counter ({@link ReactorCounters}) is written by the reactor thread only, with opaque
 * stores, and read by {@link #stats()} from any thread. The thread's user and system CPU times come from a
 * {@link CpuSampler}: the reactor samples its own clock at most every 5 ms at a loop boundary and before a long
 * sleep, so {@code stats()} costs loads and a copy, never a system call or a {@code /proc} read.
 */
public final class Reactor implements Executor {

    /** Messages taken from one mailbox in one pass (SPDK takes 8 events, MTL polls each tasklet once). */
    public static final int BATCH = 64;

    private static final int AWAKE = 0;
    private static final int PARKED = 1;
    private static final int SELECTING = 2;
    private static final long FOREVER = -1;
    private static final long MILLI = 1_000_000L;
    private static final Strand[] NO_STRANDS = new Strand[0];

    private static final VarHandle STATE;
    private static final VarHandle ACTIVITY;
    private static final VarHandle POLLING;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Reactor.class, "state", int.class);
            ACTIVITY = lookup.findVarHandle(Reactor.class, "activity", Object.class);
            POLLING = lookup.findVarHandle(Reactor.class, "polling", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReactorGroup group;
    private final int index;
    private final String name;
    private final int cpu;
    private final int numaNode;
    private final boolean pinned;
    private final MessagePassingQueue<Runnable> mailbox = new MpscUnboundedVarHandleArrayQueue<>(128);
    private final AtomicInteger posters = new AtomicInteger();
    private final ReactorCounters counters = new ReactorCounters();
    private final ReactorChannels channels = new ReactorChannels();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CpuSampler cpuClock = new CpuSampler();
    private final List<Strand> departing = new ArrayList<>();
    private volatile int state;
    private volatile ReactorMode mode;
    private volatile ReactorMode effectiveMode;
    private volatile long forcedSleepNanos;
    private volatile long defaultSleepNanos;
    private volatile boolean closed;
    private volatile Strand[] strands = NO_STRANDS;
    private volatile Thread thread;
    private volatile int threadId = -1;
    private Object activity;
    private long polling;
    private boolean stopRequested;
    private long clock;
    private boolean passSpinning;
    private long passMinAdvice;
    private long passNextDue;

    Reactor(final ReactorGroup group, final int index, final String name, final int cpu, final int numaNode,
            final boolean pinned, final ReactorMode mode, final long defaultSleepNanos) {
        this.group = group;
        this.index = index;
        this.name = name;
        this.cpu = cpu;
        this.numaNode = numaNode;
        this.pinned = pinned;
        this.mode = mode;
        this.defaultSleepNanos = defaultSleepNanos;
        this.effectiveMode = mode == ReactorMode.AUTO ? ReactorMode.INTERRUPT : mode;
    }

    /**
     * Returns the index in the group.
     *
     * @return the index, from 0
     */
    public int index() {
        return index;
    }

    /**
     * Returns the name, which is also the thread's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the CPU this reactor stands for: the one it is pinned to, or a nominal one when unpinned.
     *
     * @return the CPU id
     */
    public int cpu() {
        return cpu;
    }

    /**
     * Returns the NUMA node of the reactor's CPU.
     *
     * @return the node, or -1 where unknown
     */
    public int numaNode() {
        return numaNode;
    }

    /**
     * Whether the thread is pinned to its CPU (MTL's lcore mode) rather than free (pthread mode).
     *
     * @return true if pinned
     */
    public boolean pinned() {
        return pinned;
    }

    /**
     * Returns the group.
     *
     * @return the group that owns this reactor
     */
    public ReactorGroup group() {
        return group;
    }

    /**
     * Returns the mode asked for.
     *
     * @return the mode
     */
    public ReactorMode mode() {
        return mode;
    }

    /**
     * Switches the mode from any thread; the reactor applies it on its next idle pass.
     *
     * @param newMode the mode
     */
    public void mode(final ReactorMode newMode) {
        mode(newMode, "api");
    }

    /**
     * Switches the mode as {@link #mode(ReactorMode)} does, naming who asked for it in the switch's Flight Recorder
     * event ({@link dev.weft.events.ReactorModeEvent}, committed when the mode changes).
     *
     * @param newMode the mode
     * @param cause who asked, for example {@code rpc} or {@code balancer dynamic}
     */
    public void mode(final ReactorMode newMode, final String cause) {
        Objects.requireNonNull(newMode, "mode");
        Objects.requireNonNull(cause, "cause");
        final ReactorMode before = mode;
        this.mode = newMode;
        nudge();
        if (before != newMode) {
            CoreEvents.modeSwitched(name, before, newMode, cause);
        }
    }

    /**
     * Returns the mode the reactor used on its last idle pass.
     *
     * @return POLL, SLEEP or INTERRUPT
     */
    public ReactorMode effectiveMode() {
        return effectiveMode;
    }

    /**
     * Forces every sleep in sleep mode to one length, ignoring advice ({@code mtl_sch_set_sleep_us}).
     *
     * @param sleep the sleep, or {@link Duration#ZERO} to go back to advice
     */
    public void forcedSleep(final Duration sleep) {
        if (sleep.isNegative()) {
            throw new IllegalArgumentException("forced sleep " + sleep + " is negative");
        }
        this.forcedSleepNanos = sleep.toNanos();
        nudge();
    }

    /**
     * Returns the forced sleep.
     *
     * @return the forced sleep, zero when advice decides
     */
    public Duration forcedSleep() {
        return Duration.ofNanos(forcedSleepNanos);
    }

    /**
     * Sets how long a reactor in sleep mode sleeps when no tasklet advised a sleep, which also caps the advice
     * (MTL's {@code sch_default_sleep_us}, 1 ms). A longer default suits a reactor whose tasklets all advise, such
     * as pacers with deadlines further apart than 1 ms: it then wakes once per deadline instead of once per
     * millisecond. A tasklet that polls without advising waits up to this long for its next poll.
     *
     * @param sleep the default sleep, at least 1 µs
     */
    public void defaultSleep(final Duration sleep) {
        this.defaultSleepNanos = SleepRule.defaultSleepNanos(sleep);
        nudge();
    }

    /**
     * Returns the default sleep.
     *
     * @return how long a sleep-mode reactor sleeps without advice, and the cap on advice
     */
    public Duration defaultSleep() {
        return Duration.ofNanos(defaultSleepNanos);
    }

    /**
     * Runs a reactor-level message on the reactor thread, before the strands' work of its next pass.
     *
     * @param message the message
     * @throws RejectedExecutionException once the reactor has stopped
     */
    @Override
    public void execute(final Runnable message) {
        post(Objects.requireNonNull(message, "message"));
    }

    /**
     * Whether the reactor is blocked in a sleep or an interrupt-mode wait right now; a post would wake it.
     *
     * @return true while asleep
     */
    public boolean sleeping() {
        return state != AWAKE;
    }

    /**
     * Whether the reactor is blocked in its selector right now, rather than parked or awake.
     *
     * @return true while selecting
     */
    boolean selecting() {
        return state == SELECTING;
    }

    /**
     * Returns the strands on this reactor now.
     *
     * @return an immutable list
     */
    public List<Strand> strands() {
        return List.of(strands);
    }

    /**
     * Whether the calling thread is this reactor's thread.
     *
     * @return true on the reactor thread
     */
    public boolean inReactorThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Reads the counters; any thread may call this without disturbing the reactor.
     *
     * @return a snapshot
     */
    public ReactorStats stats() {
        final Strand[] now = strands;
        final List<StrandStats> perStrand = new ArrayList<>(now.length);
        for (final Strand strand : now) {
            perStrand.add(strand.stats());
        }
        final CpuSampler.Sample times = cpuClock.last();
        return new ReactorStats(index, name, cpu, mode, effectiveMode, counters.busyNanos(), counters.idleNanos(),
                counters.loops(), counters.avgLoopNanos(), counters.sleepNanos(), counters.sleepRatio(),
                counters.sleeps(), counters.wakeups(), counters.yields(), threadId, counters.cpu(), times.userNanos(),
                times.systemNanos(), times.atNanos(), List.copyOf(perStrand));
    }

    /**
     * Returns the name, index and CPU.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "Reactor{" + name + ", index=" + index + ", cpu=" + cpu + (pinned ? ", pinned" : "") + "}";
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    Thread thread() {
        return thread;
    }

    /**
     * Returns what the reactor runs now, for the watchdog: the tasklet being polled (found from the position the
     * loop published), or the strand, registration or message being run, or null between passes.
     */
    Object activity() {
        final long code = (long) POLLING.getOpaque(this);
        if (code == 0) {
            return ACTIVITY.getOpaque(this);
        }
        final Strand[] now = strands;
        final int strandAt = (int) (code >>> 32) - 1;
        final int taskletAt = (int) code;
        if (strandAt < now.length) {
            final Tasklet[] tasklets = now[strandAt].tasklets();
            if (taskletAt < tasklets.length) {
                return tasklets[taskletAt];
            }
        }
        return ACTIVITY.getOpaque(this);
    }

    long loops() {
        return counters.loops();
    }

    void post(final Runnable message) {
        posters.incrementAndGet();
        try {
            if (closed) {
                throw new RejectedExecutionException("reactor '" + name + "' has stopped");
            }
            mailbox.offer(message);
        } finally {
            posters.decrementAndGet();
        }
        wake();
    }

    void requestStop() {
        try {
            post(() -> stopRequested = true);
        } catch (final RejectedExecutionException e) {
            // stopped already
        }
    }

    /** Wakes the reactor if it sleeps; see the class comment for why no wake-up is lost. */
    void wake() {
        VarHandle.fullFence();
        final int seen = state;
        if (seen != AWAKE && STATE.compareAndSet(this, seen, AWAKE)) {
            if (seen == PARKED) {
                LockSupport.unpark(thread);
            } else {
                channels.wakeup();
            }
        }
    }

    private void nudge() {
        try {
            post(() -> { });
        } catch (final RejectedExecutionException e) {
            // a stopped reactor has nothing to switch
        }
    }

    /** The body of the reactor thread. */
    void run() {
        thread = Thread.currentThread();
        try {
            threadId = NativeThread.currentThreadId();
        } catch (final NativeUnsupportedException e) {
            threadId = -1;
        }
        clock = System.nanoTime();
        counters.start(clock);
        cpuClock.sample(clock);
        group.recycler().checkpoint(index);
        ready.complete(null);
        try {
            while (!stopRequested) {
                pass();
            }
            shutdown();
        } catch (final Throwable fatal) {
            report(null, ReactorFailure.Kind.REACTOR, "reactor loop", fatal);
            try {
                shutdown();
            } catch (final Throwable second) {
                report(null, ReactorFailure.Kind.REACTOR, "shutdown after a loop failure", second);
            }
        } finally {
            closed = true;
            cpuClock.sample(System.nanoTime());
            group.recycler().idle(index);
        }
    }

    private void pass() {
        final long start = clock;
        int work = runMailbox();
        passSpinning = false;
        passMinAdvice = SleepRule.NO_ADVICE;
        passNextDue = Long.MAX_VALUE;
        final Strand[] current = strands;
        for (int at = 0; at < current.length; at++) {
            work += runStrand(current[at], at);
        }
        if (channels.any()) {
            work += runChannels();
        }
        if (!departing.isEmpty()) {
            completeDepartures();
            work++;
        }
        if (channels.flushCancelled()) {
            selectNowQuietly();
        }
        POLLING.setOpaque(this, 0L);
        if (activity != null) {
            ACTIVITY.setOpaque(this, null);
        }
        if (clock == start) {
            clock = System.nanoTime();
        }
        final long end = clock;
        counters.pass(work > 0, end - start, end);
        cpuClock.atPassEnd(end);
        final Recycler recycler = group.recycler();
        recycler.checkpoint(index);
        if (recycler.pending() > 0) {
            recycler.process();
        }
        if (work == 0 && !stopRequested) {
            idle(end);
        }
    }

    private int runMailbox() {
        int ran = 0;
        Runnable message;
        while (ran < BATCH && (message = mailbox.relaxedPoll()) != null) {
            ran++;
            enter(message);
            try {
                message.run();
            } catch (final Throwable e) {
                report(null, ReactorFailure.Kind.MESSAGE, "reactor message", e);
            }
        }
        if (ran > 0) {
            clock = System.nanoTime();
        }
        return ran;
    }

    private int runStrand(final Strand strand, final int position) {
        final long start = clock;
        int work = runStrandMailbox(strand);
        if (!strand.readySignals.isEmpty()) {
            work += runSignals(strand);
        }
        if (strand.leavingTo == null && !strand.closed()) {
            work += runTasklets(strand, position);
        }
        strand.charge(work > 0, clock - start);
        return work;
    }

    private int runStrandMailbox(final Strand strand) {
        int ran = 0;
        Object message;
        while (ran < BATCH && strand.leavingTo == null && !strand.closed()
                && (message = strand.mailbox.relaxedPoll()) != null) {
            ran++;
            enter(strand);
            if (message instanceof StrandControl control) {
                control.apply(this, strand);
            } else {
                runMessage(strand, (Runnable) message);
            }
        }
        if (ran > 0) {
            clock = System.nanoTime();
        }
        return ran;
    }

    private void runMessage(final Strand strand, final Runnable message) {
        try {
            message.run();
        } catch (final Throwable e) {
            report(strand, ReactorFailure.Kind.MESSAGE, "message " + message, e);
        }
    }

    private int runSignals(final Strand strand) {
        int ran = 0;
        Registration registration;
        while (ran < BATCH && (registration = strand.readySignals.relaxedPoll()) != null) {
            if (registration.active() && registration.signal().consume()) {
                ran++;
                runHandler(strand, registration);
            }
        }
        if (ran > 0) {
            clock = System.nanoTime();
        }
        return ran;
    }

    private int runTasklets(final Strand strand, final int position) {
        int work = 0;
        final long strandCode = (long) (position + 1) << 32;
        final Tasklet[] tasklets = strand.tasklets();
        long now = clock;
        boolean spinning = passSpinning;
        long minAdvice = passMinAdvice;
        long nextDue = passNextDue;
        for (int at = 0; at < tasklets.length; at++) {
            final Tasklet tasklet = tasklets[at];
            if (tasklet.paused()) {
                continue;
            }
            final long period = tasklet.periodNanos();
            if (period > 0) {
                if (now - tasklet.nextDueNanos < 0) {
                    nextDue = Math.min(nextDue, tasklet.nextDueNanos);
                    continue;
                }
            } else {
                spinning = true;
            }
            POLLING.setOpaque(this, strandCode | at);
            int result;
            try {
                result = tasklet.poll();
            } catch (final Throwable e) {
                result = 0;
                failTasklet(strand, tasklet, ReactorFailure.Kind.TASKLET, e);
            }
            final long end = System.nanoTime();
            tasklet.record(result, end - now);
            now = end;
            if (period > 0) {
                tasklet.nextDueNanos = end + period;
                nextDue = Math.min(nextDue, tasklet.nextDueNanos);
            } else {
                final long advice = tasklet.adviceSleepNanos();
                if (advice > 0 && advice < minAdvice) {
                    minAdvice = advice;
                }
            }
            if (result > 0) {
                work += result;
            }
        }
        clock = now;
        passSpinning = spinning;
        passMinAdvice = minAdvice;
        passNextDue = nextDue;
        return work;
    }

    private int runChannels() {
        final Set<SelectionKey> keys = selectNowQuietly();
        if (keys.isEmpty()) {
            return 0;
        }
        int ran = 0;
        final Iterator<SelectionKey> it = keys.iterator();
        while (it.hasNext()) {
            final SelectionKey key = it.next();
            it.remove();
            final Registration registration = (Registration) key.attachment();
            if (key.isValid() && registration.active()) {
                ran++;
                final long start = clock;
                runHandler(registration.strand(), registration);
                clock = System.nanoTime();
                registration.strand().charge(true, clock - start);
            }
        }
        return ran;
    }

    private void runHandler(final Strand strand, final Registration registration) {
        enter(registration);
        try {
            if (registration.handler().onEvent(registration) != 0) {
                deactivate(strand, registration);
            }
        } catch (final Throwable e) {
            deactivate(strand, registration);
            report(strand, ReactorFailure.Kind.HANDLER, registration.toString(), e);
        }
    }

    private void enter(final Object work) {
        POLLING.setOpaque(this, 0L);
        ACTIVITY.setOpaque(this, work);
    }

    private void idle(final long now) {
        final ReactorMode requested = mode;
        final ReactorMode used = switch (requested) {
            case AUTO, INTERRUPT -> passSpinning ? ReactorMode.SLEEP : ReactorMode.INTERRUPT;
            case SLEEP, POLL -> requested;
        };
        if (used != effectiveMode) {
            effectiveMode = used;
        }
        switch (used) {
            case POLL -> Thread.onSpinWait();
            case SLEEP -> {
                long nanos = SleepRule.sleepNanos(forcedSleepNanos, defaultSleepNanos, passMinAdvice);
                if (passNextDue != Long.MAX_VALUE) {
                    nanos = Math.min(nanos, passNextDue - now);
                }
                if (SleepRule.yieldsInstead(nanos)) {
                    Thread.yield();
                    final long after = System.nanoTime();
                    counters.yielded(after - clock);
                    chargeStrandsIdle(after - clock);
                    clock = after;
                } else {
                    sleep(nanos);
                }
            }
            default -> {
                final long nanos = passNextDue == Long.MAX_VALUE ? FOREVER : passNextDue - now;
                if (nanos == FOREVER || nanos > 0) {
                    sleep(nanos);
                }
            }
        }
    }

    /**
     * Charges a sleep or yield between passes to every strand on this reactor as idle time: none of them had work
     * while the reactor waited. Without this a strand whose tasklets are all timed or event-driven, on a reactor that
     * blocks between them, would run only in passes that found work and report itself 100% busy.
     */
    private void chargeStrandsIdle(final long nanos) {
        for (final Strand strand : strands) {
            strand.charge(false, nanos);
        }
    }

    private void sleep(final long nanos) {
        if (cpuClock.isLong(nanos)) {
            cpuClock.beforeLongSleep(clock);
        }
        final int how = channels.any() && (nanos == FOREVER || nanos >= MILLI) ? SELECTING : PARKED;
        STATE.setVolatile(this, how);
        VarHandle.fullFence();
        if (hasInput()) {
            STATE.setVolatile(this, AWAKE);
            return;
        }
        group.recycler().idle(index);
        final long start = clock;
        int readyChannels = 0;
        if (how == PARKED) {
            if (nanos == FOREVER) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, nanos);
            }
        } else {
            try {
                readyChannels = channels.select(nanos == FOREVER ? 0 : nanos / MILLI);
            } catch (final IOException e) {
                report(null, ReactorFailure.Kind.REACTOR, "selector wait", e);
            }
        }
        final boolean woken = !STATE.compareAndSet(this, how, AWAKE) | readyChannels > 0;
        Thread.interrupted();
        group.recycler().checkpoint(index);
        clock = System.nanoTime();
        final long slept = clock - start;
        counters.slept(slept, woken);
        chargeStrandsIdle(slept);
    }

    private boolean hasInput() {
        if (!mailbox.isEmpty()) {
            return true;
        }
        for (final Strand strand : strands) {
            if (!strand.mailbox.isEmpty() || !strand.readySignals.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void report(final Strand strand, final ReactorFailure.Kind kind, final String source,
            final Throwable error) {
        try {
            group.listener().failed(new ReactorFailure(name, strand, kind, source, error));
        } catch (final RuntimeException e) {
            error.addSuppressed(e);
        }
    }

    // ---- strand membership, applied on the reactor thread ----

    /** Attaches an arriving strand; runs on this reactor's thread as a reactor message. */
    void arrive(final Strand strand, final CompletableFuture<?> arrived) {
        final Strand[] now = strands;
        final Strand[] next = Arrays.copyOf(now, now.length + 1);
        next[now.length] = strand;
        strands = next;
        strand.attachTo(this);
        for (final Registration registration : strand.registrations) {
            if (registration.channel() != null) {
                registerChannel(strand, registration);
            }
        }
        arrived.complete(null);
    }

    void beginMove(final Strand strand, final Reactor target, final CompletableFuture<Void> moved) {
        if (target == this) {
            moved.complete(null);
            return;
        }
        strand.leavingTo = target;
        strand.leavingDone = moved;
        departing.add(strand);
    }

    private void completeDepartures() {
        for (final Strand strand : departing) {
            final Reactor target = strand.leavingTo;
            final CompletableFuture<Void> moved = strand.leavingDone;
            strand.leavingTo = null;
            strand.leavingDone = null;
            detach(strand);
            strand.attachTo(target);
            group.strandMoved(strand, this, target);
            try {
                target.post(() -> target.arrive(strand, moved));
            } catch (final RejectedExecutionException e) {
                group.strandMoved(strand, target, this);
                arrive(strand, new CompletableFuture<>());
                moved.completeExceptionally(e);
            }
        }
        departing.clear();
    }

    private void detach(final Strand strand) {
        final Strand[] now = strands;
        final Strand[] next = new Strand[now.length - 1];
        int at = 0;
        for (final Strand s : now) {
            if (s != strand) {
                next[at++] = s;
            }
        }
        strands = next;
        for (final Registration registration : strand.registrations) {
            channels.cancel(registration);
        }
    }

    void startTasklet(final Strand strand, final Tasklet tasklet, final CompletableFuture<Tasklet> started) {
        enter(tasklet);
        try {
            tasklet.start();
        } catch (final Throwable e) {
            tasklet.release();
            started.completeExceptionally(e);
            report(strand, ReactorFailure.Kind.TASKLET, tasklet.name(), e);
            return;
        }
        tasklet.nextDueNanos = System.nanoTime() + tasklet.periodNanos();
        strand.addTasklet(tasklet);
        started.complete(tasklet);
    }

    void stopTasklet(final Strand strand, final Tasklet tasklet) {
        if (!strand.removeTasklet(tasklet)) {
            return;
        }
        enter(tasklet);
        try {
            tasklet.stop();
        } catch (final Throwable e) {
            report(strand, ReactorFailure.Kind.TASKLET_STOP, tasklet.name(), e);
        } finally {
            tasklet.release();
        }
    }

    private void failTasklet(final Strand strand, final Tasklet tasklet, final ReactorFailure.Kind kind,
            final Throwable error) {
        stopTasklet(strand, tasklet);
        report(strand, kind, tasklet.name(), error);
    }

    void activate(final Strand strand, final Registration registration) {
        if (registration.signal() != null) {
            if (registration.signal().isBound()) {
                registration.deleted().completeExceptionally(new IllegalStateException(registration.signal()
                        + " is already registered; unregister it first"));
                return;
            }
            strand.registrations.add(registration);
            registration.activate();
            registration.signal().bind(registration);
            return;
        }
        strand.registrations.add(registration);
        registration.activate();
        if (!registerChannel(strand, registration)) {
            strand.registrations.remove(registration);
            registration.deactivate();
        }
    }

    private boolean registerChannel(final Strand strand, final Registration registration) {
        try {
            channels.register(registration);
            return true;
        } catch (final IOException | RuntimeException e) {
            registration.deleted().completeExceptionally(e);
            report(strand, ReactorFailure.Kind.HANDLER, registration.toString(), e);
            return false;
        }
    }

    void deactivate(final Strand strand, final Registration registration) {
        if (!strand.registrations.remove(registration)) {
            return;
        }
        registration.deactivate();
        if (registration.signal() != null) {
            registration.signal().unbind(registration);
        } else {
            channels.cancel(registration);
        }
        group.recycler().defer(registration.deletion());
    }

    void closeStrand(final Strand strand) {
        strand.markClosedAndQuiesce();
        Object message;
        while ((message = strand.mailbox.relaxedPoll()) != null) {
            if (message instanceof StrandControl control) {
                control.reject(strand);
            } else {
                runMessage(strand, (Runnable) message);
            }
        }
        strand.abandonVirtualThreads(this);
        for (final Tasklet tasklet : strand.tasklets()) {
            stopTasklet(strand, tasklet);
        }
        for (final Registration registration : List.copyOf(strand.registrations)) {
            deactivate(strand, registration);
        }
        if (strand.leavingDone != null) {
            strand.leavingDone.completeExceptionally(new RejectedExecutionException("strand '" + strand.name()
                    + "' closed before it could move"));
            strand.leavingTo = null;
            strand.leavingDone = null;
            departing.remove(strand);
        }
        detach(strand);
        strand.attachTo(null);
        group.strandLeft(strand, this);
    }

    private void shutdown() {
        closed = true;
        while (posters.get() != 0) {
            Thread.onSpinWait();
        }
        Runnable message;
        while ((message = mailbox.relaxedPoll()) != null) {
            try {
                message.run();
            } catch (final Throwable e) {
                report(null, ReactorFailure.Kind.MESSAGE, "reactor message", e);
            }
        }
        if (!departing.isEmpty()) {
            completeDepartures();
        }
        for (final Strand strand : strands) {
            closeStrand(strand);
        }
        try {
            channels.close();
        } catch (final IOException e) {
            report(null, ReactorFailure.Kind.REACTOR, "selector close", e);
        }
    }

    private Set<SelectionKey> selectNowQuietly() {
        try {
            return channels.selectNow();
        } catch (final IOException e) {
            report(null, ReactorFailure.Kind.REACTOR, "selectNow", e);
            return Set.of();
        }
    }
}
