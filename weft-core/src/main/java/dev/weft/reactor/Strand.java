package dev.weft.reactor;

import dev.weft.platform.CpuSet;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unit that is placed and moved (SPDK's lightweight thread, MTL's session): it owns tasklets, event-driven
 * tasks and a mailbox, and runs on one {@link Reactor} at a time, so its own code needs no locks.
 *
 * <p>A strand is a serial {@link Executor}: messages given to {@link #execute} run on its reactor, one at a time
 * and in the order each poster gave them (SPDK's {@code spdk_thread_send_msg}). Adding and removing tasklets,
 * registering notifiers, moving and closing are messages too, so every change to a strand happens on the thread
 * that runs it, between two passes.
 *
 * <p>A strand also carries virtual threads ({@link #virtualThreads()}): blocking-style code whose every run happens on
 * the strand's reactor, as a message of the strand, so it needs no locks against the strand's other work either.
 * This needs the JVM option {@code --add-opens java.base/java.lang=ALL-UNNAMED} (see
 * {@link #virtualThreadsSupported()}).
 *
 * <p><b>Threads.</b> Every public method may be called from any thread. Posting to a closed strand throws
 * {@link RejectedExecutionException}.
 */
public final class Strand implements Executor {

    /*
     * Implementation overview.
     *
     * The mailbox is a JCTools MPSC queue that travels with the strand: its owning reactor drains a batch per pass,
     * and a move stops the drain at the move message, so the messages behind it run on the new reactor. Posting
     * writes the queue, then wakes the current reactor (a fence and a read while it is awake). Closing waits for
     * posters already past the closed check, then runs what they posted: every accepted message runs exactly once.
     * The tasklet array is copy-on-write, published for readers of statistics; the rest of the loop state changes
     * only through the package-private methods below, which only the owning reactor calls.
     */

    /** MTL's removal handshake: 1 ms × 1000. */
    public static final Duration DEFAULT_REMOVE_TIMEOUT = Duration.ofSeconds(1);

    /** How long {@link #close()} waits for the strand's interrupted virtual threads to end. */
    public static final Duration VIRTUAL_THREAD_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    private static final AtomicLong IDS = new AtomicLong();

    private final String name;
    private final long id;
    private final long createdNanos = System.nanoTime();
    private volatile long arrivedNanos = createdNanos;
    private final boolean internal;
    private final CpuSet cpuMask;
    private final double weight;
    private final int numaNode;
    private final AtomicBoolean placed = new AtomicBoolean();
    private volatile Reactor reactor;
    private volatile Reactor initialReactor;
    private volatile StrandVirtualThreads carried;
    private final AtomicLong deadlineMisses = new AtomicLong();
    private final StrandMailbox mailbox = new StrandMailbox(this);
    private final StrandLoopState loop = new StrandLoopState(this);

    Strand(final StrandBuilder builder) {
        this.name = builder.name;
        this.id = IDS.incrementAndGet();
        this.cpuMask = builder.cpuMask;
        this.weight = builder.weight;
        this.numaNode = builder.numaNode;
        this.internal = builder.internal;
    }

    /**
     * Starts building a strand.
     *
     * @param name the strand's name, not blank
     * @return a builder with any CPU, weight 1 and no NUMA preference
     * @throws IllegalArgumentException if the name is blank
     */
    public static StrandBuilder builder(final String name) {
        return new StrandBuilder(name);
    }

    /**
     * Returns a strand with default settings.
     *
     * @param name the strand's name, not blank
     * @return the strand
     */
    public static Strand of(final String name) {
        return builder(name).build();
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the id, unique in this JVM.
     *
     * @return the id
     */
    public long id() {
        return id;
    }

    /**
     * Returns the CPUs whose reactors may run this strand.
     *
     * @return the mask, empty for any CPU
     */
    public Optional<CpuSet> cpuMask() {
        return Optional.ofNullable(cpuMask);
    }

    /**
     * Returns the weight (MTL's quota in 1080p-equivalents) that placement charges for this strand.
     *
     * @return the weight, not negative
     */
    public double weight() {
        return weight;
    }

    /**
     * Returns the preferred NUMA node.
     *
     * @return the node, or -1 for no preference
     */
    public int numaNode() {
        return numaNode;
    }

    /**
     * Returns the reactor that runs the strand now.
     *
     * @return the reactor, empty before placement and after the strand is closed; during a move, the target
     */
    public Optional<Reactor> reactor() {
        return Optional.ofNullable(reactor);
    }

    /**
     * Returns the reactor the strand was first placed on (what SPDK's static scheduler restores).
     *
     * @return the reactor, empty before placement
     */
    public Optional<Reactor> initialReactor() {
        return Optional.ofNullable(initialReactor);
    }

    /**
     * Whether the strand is weft's own machinery ({@link StrandBuilder#internal()}).
     *
     * @return true for an internal strand
     */
    public boolean isInternal() {
        return internal;
    }

    /**
     * Whether the strand is closed.
     *
     * @return true once it accepts no more messages
     */
    public boolean isClosed() {
        return mailbox.isClosed();
    }

    /**
     * Runs a message on the strand's reactor, after every message this thread posted before.
     *
     * @param message the message
     * @throws RejectedExecutionException if the strand is closed
     */
    @Override
    public void execute(final Runnable message) {
        post(Objects.requireNonNull(message, "message"));
    }

    /**
     * Runs a task once on the strand's reactor after a delay, between the strand's messages and its tasklets, as
     * Netty's {@code EventLoop.schedule}. The timer moves with the strand; closing the strand cancels it.
     *
     * @param task the task
     * @param delay the delay (zero or negative: the next pass)
     * @return its future: cancel it to stop the task; a task that throws completes it exceptionally
     * @throws RejectedExecutionException if the strand is closed
     */
    public ScheduledFuture<?> schedule(final Runnable task, final Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return loop.timers().schedule(task, delay);
    }

    /**
     * Whether strands can carry virtual threads in this JVM: the JDK must offer its virtual-thread builder to weft,
     * which takes the option {@code --add-opens java.base/java.lang=ALL-UNNAMED} ({@code =dev.weft.core} when weft
     * runs as a module). Detected once.
     *
     * @return true if {@link #virtualThreads()} works
     */
    public static boolean virtualThreadsSupported() {
        return JdkVirtualThreads.supported();
    }

    /**
     * Returns a new builder of virtual threads carried by this strand: each of their runs (from a start, an unpark
     * or a yield to the next park, yield or end) is a message of the strand on its reactor thread, interleaved with
     * its tasklets, so the strand's busy time includes them, and they move with the strand. A thread that blocks
     * (sleeps, waits on a lock or a future, reads a socket) frees the reactor meanwhile; one that computes long
     * without blocking, or blocks in native code, holds it up like a slow tasklet, and the watchdog names it.
     * Threads that such a thread starts with {@link Thread#ofVirtual()} inherit the strand.
     *
     * @return a builder; {@code start} throws {@link RejectedExecutionException} once the strand is closing
     * @throws UnsupportedOperationException if {@link #virtualThreadsSupported()} is false; the message names the
     *     JVM option to add
     */
    public Thread.Builder.OfVirtual virtualThreads() {
        return carrier().builder();
    }

    /**
     * Returns an executor service that starts one virtual thread carried by this strand per task
     * ({@link java.util.concurrent.Executors#newThreadPerTaskExecutor}); closing it waits for its threads.
     *
     * @return a new executor service
     * @throws UnsupportedOperationException as {@link #virtualThreads()}
     */
    public ExecutorService virtualThreadExecutor() {
        return carrier().executor();
    }

    /**
     * Adds a tasklet; its {@link Tasklet#start()} runs on the reactor before its first poll.
     *
     * @param tasklet a tasklet on no strand
     * @return a future that completes with the tasklet once started, or with the exception its start threw
     * @throws IllegalStateException if the tasklet is already on a strand
     */
    public CompletableFuture<Tasklet> add(final Tasklet tasklet) {
        Objects.requireNonNull(tasklet, "tasklet");
        if (!tasklet.claim(this)) {
            throw new IllegalStateException("tasklet '" + tasklet.name() + "' is already on strand '"
                    + tasklet.strand().map(Strand::name).orElse("?") + "'");
        }
        final CompletableFuture<Tasklet> started = new StrandFuture<>(this);
        try {
            post(new StrandControl.AddTasklet(tasklet, started));
        } catch (final RejectedExecutionException e) {
            tasklet.release();
            throw e;
        }
        return started;
    }

    /**
     * Removes a tasklet with MTL's timeout of 1 s.
     *
     * @param tasklet a tasklet of this strand
     * @return see {@link #remove(Tasklet, Duration)}
     */
    public CompletableFuture<Void> remove(final Tasklet tasklet) {
        return remove(tasklet, DEFAULT_REMOVE_TIMEOUT);
    }

    /**
     * Removes a tasklet: its reactor stops polling it at the next loop boundary and calls {@link Tasklet#stop()}.
     * A tasklet may remove itself from its own poll. Do not wait for the future on the strand's own reactor.
     *
     * @param tasklet a tasklet of this strand
     * @param timeout how long the reactor has to acknowledge, positive
     * @return a future that completes once the tasklet is stopped and off the strand, or with a
     *     {@link java.util.concurrent.TimeoutException} naming it if the reactor did not get to it in time, in which
     *     case the tasklet stays
     * @throws IllegalArgumentException if the tasklet is not on this strand or the timeout is not positive
     */
    public CompletableFuture<Void> remove(final Tasklet tasklet, final Duration timeout) {
        Objects.requireNonNull(tasklet, "tasklet");
        if (tasklet.owner() != this) {
            throw new IllegalArgumentException("tasklet '" + tasklet.name() + "' is not on strand '" + name + "'");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("removal timeout " + timeout + " is not positive");
        }
        final StrandControl.RemoveTasklet request = new StrandControl.RemoveTasklet(this, tasklet, timeout);
        post(request);
        CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .execute(request::expire);
        return request.done();
    }

    /**
     * Registers an event-driven task on a channel, waiting for {@code OP_READ} (or {@code OP_ACCEPT} for a server
     * channel).
     *
     * @param channel the channel; it is put in non-blocking mode
     * @param handler runs when the channel is ready
     * @return the registration
     * @throws IllegalArgumentException if the channel supports neither read nor accept
     */
    public Registration register(final SelectableChannel channel, final EventHandler handler) {
        final int valid = channel.validOps();
        final int ops = (valid & SelectionKey.OP_READ) != 0
                ? SelectionKey.OP_READ
                : (valid & SelectionKey.OP_ACCEPT) != 0 ? SelectionKey.OP_ACCEPT : 0;
        if (ops == 0) {
            throw new IllegalArgumentException(channel + " supports neither OP_READ nor OP_ACCEPT; give the ops");
        }
        return register(channel, ops, handler, null);
    }

    /**
     * Registers an event-driven task on a channel.
     *
     * @param channel the channel; it is put in non-blocking mode
     * @param ops the interest set, a non-empty subset of the channel's valid operations
     * @param handler runs when the channel is ready; a non-zero return unregisters it
     * @param onDelete runs once after the task is removed and no reactor can still be in the handler, or null
     * @return the registration
     * @throws IllegalArgumentException if the ops are empty or not valid for the channel
     */
    public Registration register(
            final SelectableChannel channel, final int ops, final EventHandler handler, final Runnable onDelete) {
        Objects.requireNonNull(channel, "channel");
        if (ops == 0 || (ops & ~channel.validOps()) != 0) {
            throw new IllegalArgumentException("interest ops " + ops + " are not a non-empty subset of the valid ops "
                    + channel.validOps() + " of " + channel);
        }
        final Registration registration = new Registration(this, channel, ops, null, handler, onDelete);
        post(new StrandControl.Register(registration));
        return registration;
    }

    /**
     * Registers an event-driven task on a signal.
     *
     * @param signal the signal, registered nowhere else
     * @param handler runs once per raise (raises while it waits coalesce)
     * @return the registration
     */
    public Registration register(final Signal signal, final EventHandler handler) {
        return register(signal, handler, null);
    }

    /**
     * Registers an event-driven task on a signal.
     *
     * @param signal the signal, registered nowhere else; a second registration fails its {@code deleted()} future
     * @param handler runs once per raise (raises while it waits coalesce); a non-zero return unregisters it
     * @param onDelete runs once after the task is removed and no reactor can still be in the handler, or null
     * @return the registration
     */
    public Registration register(final Signal signal, final EventHandler handler, final Runnable onDelete) {
        Objects.requireNonNull(signal, "signal");
        final Registration registration = new Registration(this, null, 0, signal, handler, onDelete);
        post(new StrandControl.Register(registration));
        return registration;
    }

    /**
     * Closes the strand on its reactor: messages already accepted run, tasklets are stopped, registrations removed.
     * A strand that was never placed is closed on the calling thread: its accepted messages run there, and its
     * pending requests (tasklets to add, registrations) are answered as refused. Virtual threads it carries are
     * interrupted first and have {@link #VIRTUAL_THREAD_CLOSE_TIMEOUT} to end, still on the strand; any still alive
     * then are interrupted again, reported to the group's {@link ReactorListener} as
     * {@link ReactorFailure.Kind#VIRTUAL_THREAD} failures with their stacks, and run on to their end on a platform
     * thread of weft's ({@code weft-orphan-carrier}).
     *
     * @return a future that completes once the strand is off its reactor
     */
    public CompletableFuture<Void> close() {
        final StrandVirtualThreads threads = carried;
        if (threads != null && threads.live() > 0 && placed.get() && !mailbox.isClosed()) {
            return threads.stop(VIRTUAL_THREAD_CLOSE_TIMEOUT).thenCompose(ignored -> closeCarrierless());
        }
        return closeCarrierless();
    }

    private CompletableFuture<Void> closeCarrierless() {
        final CompletableFuture<Void> done = new StrandFuture<>(this);
        if (placed.compareAndSet(false, true)) {
            closeUnplaced();
            done.complete(null);
            return done;
        }
        try {
            post(new StrandControl.Close(done));
        } catch (final RejectedExecutionException e) {
            done.complete(null);
        }
        return done;
    }

    /**
     * Reads the strand's counters and its tasklets' counters; any thread may call this.
     *
     * @return a snapshot
     */
    public StrandStats stats() {
        final Reactor current = reactor;
        final Tasklet[] now = loop.tasklets();
        final List<TaskletStats> perTasklet = new ArrayList<>(now.length);
        for (final Tasklet tasklet : now) {
            perTasklet.add(tasklet.stats());
        }
        final StrandVirtualThreads threads = carried;
        return new StrandStats(
                id,
                name,
                current == null ? -1 : current.index(),
                weight,
                loop.busyNanos(),
                loop.idleNanos(),
                List.copyOf(perTasklet),
                createdNanos,
                arrivedNanos,
                deadlineMisses.get(),
                threads == null ? 0 : threads.live());
    }

    /**
     * Records that this strand's work missed a deadline (MTL's build timeout: a frame not built in time). Any thread
     * may call it. The balancing round counts the misses per period, and MTL's balancer treats a strand with more
     * than 10 in a period as busy whatever its loop time says.
     */
    public void missedDeadline() {
        deadlineMisses.incrementAndGet();
    }

    /**
     * Returns the name and id.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "Strand{" + name + "#" + id + "}";
    }

    private void closeUnplaced() {
        mailbox.closeAndQuiesce();
        Object message;
        while ((message = mailbox.poll()) != null) {
            if (message instanceof StrandControl control) {
                control.reject(this);
            } else {
                ((Runnable) message).run();
            }
        }
        abandonVirtualThreads(null);
    }

    private synchronized StrandVirtualThreads carrier() {
        JdkVirtualThreads.requireSupported();
        if (carried == null) {
            carried = new StrandVirtualThreads(this);
        }
        return carried;
    }

    /** Called once the strand is closed: interrupts and reports the virtual threads still alive. */
    void abandonVirtualThreads(final Reactor closer) {
        final StrandVirtualThreads threads = carried;
        if (threads != null) {
            threads.abandon(closer);
        }
    }

    /** Returns the virtual thread that the reactor runs for this strand now, or null. */
    Thread runningVirtualThread() {
        final StrandVirtualThreads threads = carried;
        return threads == null ? null : threads.running();
    }

    void post(final Object message) {
        if (!mailbox.offer(message)) {
            throw new RejectedExecutionException("strand '" + name + "' is closed");
        }
        wakeReactor();
    }

    void nudge() {
        try {
            post(StrandControl.Nudge.INSTANCE);
        } catch (final RejectedExecutionException e) {
            // a closed strand polls nothing, so there is nobody to wake
        }
    }

    void wakeReactor() {
        final Reactor current = reactor;
        if (current != null) {
            current.wake();
        }
    }

    void signalReady(final Registration registration) {
        mailbox.offerSignal(registration);
        wakeReactor();
    }

    boolean markPlaced() {
        return placed.compareAndSet(false, true);
    }

    void placedOn(final Reactor first) {
        initialReactor = first;
    }

    void attachTo(final Reactor owner) {
        reactor = owner;
    }

    /** Records that the strand has just joined its reactor's list (SPDK resets a thread's start time then). */
    void arrived() {
        assert onOwnerThread() : "arrived off the owning reactor's thread";
        arrivedNanos = System.nanoTime();
    }

    /** The mailbox and signal queue; taking from them is the owning reactor's. */
    StrandMailbox mailbox() {
        return mailbox;
    }

    /** The state only the owning reactor writes. */
    StrandLoopState loop() {
        return loop;
    }

    Tasklet[] tasklets() {
        return loop.tasklets();
    }

    /** Whether the calling thread is the thread of the reactor that runs this strand now; for asserts. */
    boolean onOwnerThread() {
        final Reactor current = reactor;
        return current != null && current.inReactorThread();
    }

    /** As {@link #onOwnerThread()}, or the strand is on no reactor (never placed, or closed): for asserts. */
    boolean onOwnerThreadOrUnplaced() {
        final Reactor current = reactor;
        return current == null || current.inReactorThread();
    }
}
