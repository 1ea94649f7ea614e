package dev.weft.reactor;

import dev.weft.events.CoreEvents;
import dev.weft.platform.NativeThread;
import dev.weft.platform.NativeUnsupportedException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue;

/**
 * One OS thread looping over strands: SPDK's reactor, MTL's scheduler, OpenPerf's worker.
 *
 * <p>Each pass runs the reactor's own messages, then each strand's messages, raised signals and tasklets, then the
 * handlers of ready channels. A pass without work idles by the {@link ReactorMode}: spin, sleep by MTL's rule
 * ({@link SleepRule}), or block until input or the next timed tasklet. Strands join, move and leave only between
 * two passes.
 *
 * <p><b>Threads.</b> A reactor is created and started by its {@link ReactorGroup}. Every public method may be
 * called from any thread: settings apply from the next idle pass, {@link #execute} posts a message, and
 * {@link #stats()} reads counters that only the reactor thread writes, without disturbing it. A message or tasklet
 * that throws is reported to the group's {@link ReactorListener} and the reactor keeps running.
 */
public final class Reactor implements Executor {

    /*
     * Implementation overview.
     *
     * The loop (run, pass) is a few named steps, as Netty's event loop: runMessages, runStrands (per strand:
     * runStrandMailbox, EventDispatch.runSignals, TaskletDispatch.run), EventDispatch.runChannels, the membership
     * changes of the pass (StrandMembership.completeDepartures), the end-of-pass bookkeeping (endPass) and, after a
     * pass without work, Idler.idle. The other jobs live beside it, one class each: StrandMembership (arrival,
     * moves, closing), WorkLifecycle (tasklet start and stop, registrations), TaskletDispatch (polls and their
     * timing), EventDispatch (signal and channel handlers), Idler (modes, sleep rule, the wait), WakeHandshake (no
     * lost wake-up), ActivityProbe (what the Watchdog sees), ReactorChannels (the selector), ReactorCounters and
     * CpuSampler (statistics).
     *
     * Time. Each strand's share of the pass is charged to the strand and the whole pass to the reactor, as busy
     * when work was done and idle otherwise; a sleep or yield between passes is idle time for the reactor and every
     * strand. The clock reading that ends a strand's turn starts the next one's, and a pass starts at the reading
     * that ended the one before it (or the wait between them), so the reactor's busy and idle time add up to its
     * wall time with one clock reading per strand per pass and none of the reactor's own. A poll-mode spin between
     * two passes is charged to the second. Per-tasklet times are TaskletDispatch's (exact or sampled). The pass ends
     * with a quiescent checkpoint for the group's Recycler.
     *
     * Single writer. Every counter (ReactorCounters) is written by the reactor thread only, with opaque stores, and
     * read by stats() from any thread. The thread's CPU times come from a CpuSampler that the reactor samples at most
     * every 5 ms at a loop boundary and before a long sleep, so stats() costs loads and a copy, never a system call.
     *
     * Stopping. requestStop posts a message that ends the loop after its pass. shutdown refuses new posts, waits
     * for posters already past the closed check, runs the messages they left, completes pending moves, closes every
     * strand and closes the selector.
     */

    /** Messages taken from one mailbox in one pass (SPDK takes 8 events, MTL polls each tasklet once). */
    public static final int BATCH = 64;

    private final ReactorGroup group;
    private final int index;
    private final String name;
    private final int cpu;
    private final int numaNode;
    private final boolean pinned;
    private final MessagePassingQueue<Runnable> mailbox = new MpscUnboundedVarHandleArrayQueue<>(128);
    private final AtomicInteger posters = new AtomicInteger();
    private final ReactorCounters counters = new ReactorCounters();
    private final ReactorChannels channels = new ReactorChannels(this);
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CpuSampler cpuClock = new CpuSampler();
    private final ActivityProbe probe = new ActivityProbe();
    private final WakeHandshake handshake = new WakeHandshake(channels);
    private final WorkLifecycle lifecycle = new WorkLifecycle(this, channels, probe);
    private final StrandMembership membership = new StrandMembership(this, channels, lifecycle);
    private final EventDispatch events = new EventDispatch(this, channels, lifecycle, probe);
    private final Idler idler;
    private final TaskletDispatch dispatch;
    private final NanoClock nanoClock;
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile int threadId = -1;
    private boolean stopRequested;
    private long clock;

    Reactor(
            final ReactorGroup group,
            final int index,
            final String name,
            final int cpu,
            final int numaNode,
            final boolean pinned,
            final ReactorMode mode,
            final long defaultSleepNanos,
            final TaskletTiming timing,
            final NanoClock nanoClock) {
        this.group = group;
        this.nanoClock = nanoClock;
        this.index = index;
        this.name = name;
        this.cpu = cpu;
        this.numaNode = numaNode;
        this.pinned = pinned;
        this.idler = new Idler(this, mode, defaultSleepNanos, counters, cpuClock, channels, handshake, membership);
        this.dispatch = new TaskletDispatch(this, probe, lifecycle, timing, nanoClock);
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
    public boolean isPinned() {
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
        return idler.mode();
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
        final ReactorMode before = idler.mode();
        idler.mode(newMode);
        nudge();
        if (before != newMode) {
            CoreEvents.modeSwitched(name, before, newMode, cause);
        }
    }

    /**
     * Returns the mode the reactor is in: the mode its last idle pass used, or, when it has done work without idling
     * since it was switched to poll or sleep mode, that mode (SPDK's {@code in_interrupt} reads this).
     *
     * @return POLL, SLEEP or INTERRUPT
     */
    public ReactorMode effectiveMode() {
        return idler.effectiveMode();
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
        idler.forcedSleepNanos(sleep.toNanos());
        nudge();
    }

    /**
     * Returns the forced sleep.
     *
     * @return the forced sleep, zero when advice decides
     */
    public Duration forcedSleep() {
        return Duration.ofNanos(idler.forcedSleepNanos());
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
        idler.defaultSleepNanos(SleepRule.defaultSleepNanos(sleep));
        nudge();
    }

    /**
     * Sets how the reactor times each tasklet's polls, from its next pass; reactor and strand times stay exact.
     *
     * @param timing {@link TaskletTiming#SAMPLED} (the default) or {@link TaskletTiming#EXACT}
     */
    public void taskletTiming(final TaskletTiming timing) {
        dispatch.timing(Objects.requireNonNull(timing, "timing"));
    }

    /**
     * Returns how the reactor times each tasklet's polls.
     *
     * @return the timing
     */
    public TaskletTiming taskletTiming() {
        return dispatch.timing();
    }

    /**
     * Returns the default sleep.
     *
     * @return how long a sleep-mode reactor sleeps without advice, and the cap on advice
     */
    public Duration defaultSleep() {
        return Duration.ofNanos(idler.defaultSleepNanos());
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
    public boolean isSleeping() {
        return handshake.isSleeping();
    }

    /**
     * Whether the reactor is blocked in its selector right now, rather than parked or awake.
     *
     * @return true while selecting
     */
    boolean selecting() {
        return handshake.selecting();
    }

    /**
     * Returns the strands on this reactor now.
     *
     * @return an immutable list
     */
    public List<Strand> strands() {
        return List.of(membership.strands());
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
        final Strand[] now = membership.strands();
        final List<StrandStats> perStrand = new ArrayList<>(now.length);
        for (final Strand strand : now) {
            perStrand.add(strand.stats());
        }
        return counters.snapshot(index, name, cpu, idler, threadId, cpuClock.last(), List.copyOf(perStrand));
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

    StrandMembership membership() {
        return membership;
    }

    WorkLifecycle lifecycle() {
        return lifecycle;
    }

    /** Reads the clock of the pass accounting ({@link NanoClock}); reactor thread. */
    long nanoTime() {
        return nanoClock.nanoTime();
    }

    /** What the reactor runs now, for the watchdog: a tasklet, strand, registration or message, or null. */
    Object activity() {
        return probe.current(membership.strands());
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
        handshake.wake();
    }

    void requestStop() {
        try {
            post(() -> stopRequested = true);
        } catch (final RejectedExecutionException e) {
            // stopped already
        }
    }

    /** Wakes the reactor if it sleeps; any thread, after writing the queue it posted to ({@link WakeHandshake}). */
    void wake() {
        handshake.wake();
    }

    private void nudge() {
        try {
            post(() -> {});
        } catch (final RejectedExecutionException e) {
            // a stopped reactor has nothing to switch
        }
    }

    /** Whether a message or raised signal waits for this reactor; its last check before it blocks. */
    boolean hasInput() {
        return !mailbox.isEmpty() || membership.anyInput();
    }

    /** Reports a contained failure to the group's listener; a failing listener is recorded on the error. */
    void report(final Strand strand, final ReactorFailure.Kind kind, final String source, final Throwable error) {
        assert inReactorThread() : "report off " + name + "'s thread";
        try {
            group.listener().failed(new ReactorFailure(name, strand, kind, source, error));
        } catch (final RuntimeException e) {
            error.addSuppressed(e);
        }
    }

    /** Runs a strand's message, reporting what it throws. */
    void runMessage(final Strand strand, final Runnable message) {
        assert inReactorThread() : "runMessage off " + name + "'s thread";
        try {
            message.run();
        } catch (final Throwable e) {
            report(strand, ReactorFailure.Kind.MESSAGE, "message " + message, e);
        }
    }

    // ---- the loop ----

    /** The body of the reactor thread. */
    void run() {
        begin();
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
            cpuClock.sample(nanoClock.nanoTime());
            group.recycler().idle(index);
        }
    }

    private void begin() {
        final Thread current = Thread.currentThread();
        thread = current;
        handshake.bind(current);
        try {
            threadId = NativeThread.currentThreadId();
        } catch (final NativeUnsupportedException e) {
            threadId = -1;
        }
        clock = nanoClock.nanoTime();
        counters.start(clock);
        cpuClock.sample(clock);
        group.recycler().checkpoint(index);
        ready.complete(null);
    }

    private void pass() {
        assert inReactorThread() : "pass off " + name + "'s thread";
        final long start = clock;
        int work = runMessages();
        final ReactorMode mode = idler.mode();
        work += runStrands(mode);
        if (channels.any()) {
            final int ran = events.runChannels(clock);
            if (ran > 0) {
                clock = events.lastReading();
                work += ran;
            }
        }
        work += membership.completeDepartures();
        events.flushCancelled();
        probe.clear();
        endPass(start, work > 0);
        if (work > 0) {
            idler.worked(mode);
        } else if (!stopRequested) {
            clock = idler.idle(mode, clock, dispatch.spinning(), dispatch.minAdvice(), dispatch.nextDue());
        }
    }

    private void endPass(final long start, final boolean busy) {
        if (clock == start) {
            clock = nanoClock.nanoTime();
        }
        final long end = clock;
        counters.pass(busy, end - start, end);
        cpuClock.atPassEnd(end);
        final Recycler recycler = group.recycler();
        recycler.checkpoint(index);
        if (recycler.pending() > 0) {
            recycler.process();
        }
    }

    private int runMessages() {
        int ran = 0;
        Runnable message;
        while (ran < BATCH && (message = mailbox.relaxedPoll()) != null) {
            ran++;
            probe.enter(message);
            try {
                message.run();
            } catch (final Throwable e) {
                report(null, ReactorFailure.Kind.MESSAGE, "reactor message", e);
            }
        }
        if (ran > 0) {
            clock = nanoClock.nanoTime();
        }
        return ran;
    }

    private int runStrands(final ReactorMode mode) {
        dispatch.beginPass(mode != ReactorMode.POLL);
        int work = 0;
        final Strand[] current = membership.strands();
        for (int at = 0; at < current.length; at++) {
            work += runStrand(current[at], at);
        }
        return work;
    }

    private int runStrand(final Strand strand, final int position) {
        final long start = clock;
        final StrandLoopState loop = strand.loop();
        int work = runStrandMailbox(strand, loop, strand.mailbox());
        if (strand.mailbox().hasSignals()) {
            final int ran = events.runSignals(strand);
            if (ran > 0) {
                clock = nanoClock.nanoTime();
                work += ran;
            }
        }
        if (!strand.isClosed() && !loop.leaving()) {
            work += dispatch.run(strand, position, clock);
            clock = dispatch.lastReading();
        }
        loop.charge(work > 0, clock - start);
        return work;
    }

    private int runStrandMailbox(final Strand strand, final StrandLoopState loop, final StrandMailbox mailbox) {
        int ran = 0;
        Object message;
        while (ran < BATCH && !strand.isClosed() && !loop.leaving() && (message = mailbox.poll()) != null) {
            ran++;
            probe.enter(strand);
            if (message instanceof StrandControl control) {
                control.apply(this, strand);
            } else {
                runMessage(strand, (Runnable) message);
            }
        }
        if (ran > 0) {
            clock = nanoClock.nanoTime();
        }
        return ran;
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
        membership.closeAll();
        try {
            channels.close();
        } catch (final IOException e) {
            report(null, ReactorFailure.Kind.REACTOR, "selector close", e);
        }
    }
}
