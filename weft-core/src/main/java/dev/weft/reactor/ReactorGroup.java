package dev.weft.reactor;

import dev.weft.events.CoreEvents;
import dev.weft.events.StrandMoveEvent;
import dev.weft.platform.Processor;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.ThreadConfig;
import dev.weft.platform.ThreadPlacementException;
import dev.weft.platform.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The runtime: a fixed set of {@link Reactor}s, the placement of strands on them, and their start and stop.
 *
 * <p>{@link #start()} starts every reactor thread through its {@link ThreadConfig} (pinned to its CPU in MTL's lcore
 * mode, free in pthread mode, in the {@link SchedulingPolicy} asked for, if any) and returns once every reactor is
 * ready, telling the listener each second which are late ({@link ReactorListener#late}). {@link #add(Strand)} places
 * a strand round-robin over the reactors its CPU mask allows (preferring its NUMA node), or by the group's
 * {@link Placement}; {@link #move} hands a strand to another reactor at a loop boundary. {@link #close()} stops
 * every reactor (accepted messages run, tasklets stopped, registrations removed) and joins their threads; a reactor
 * still running after the close grace ({@link ReactorGroupBuilder#closeGrace}) is reported with its stack, interrupted and left.
 *
 * <p><b>Errors.</b> A group does not start itself: adding or moving a strand before {@link #start()} throws
 * {@link IllegalStateException}, and so does {@code start()} after {@code close()}. Waiting on a strand's future
 * from one of the group's own reactor threads throws {@link BlockingOperationException}. Every method may be called
 * from any thread, except that {@link #close()} refuses to run on one of the group's own reactor threads.
 */
public final class ReactorGroup implements AutoCloseable {

    /*
     * Implementation overview.
     *
     * GroupThreads starts and stops the threads. A group built with a Placement (quota placement) lets it choose
     * instead of RoundRobin, and tells it of every explicit placement, completed move and close, so that its accounts
     * follow the strands. After the threads stop, close runs the reclamation callbacks left, since no reader remains.
     */

    private final String name;
    private final List<Reactor> reactors;
    private final ReactorListener listener;
    private final Recycler recycler;
    private final Placement placement;
    private final RoundRobin roundRobin;
    private final GroupThreads threads;
    private volatile boolean started;
    private volatile boolean stopped;
    private final Topology topology;

    ReactorGroup(final ReactorGroupBuilder builder) {
        this.name = builder.name;
        this.topology = builder.topology;
        this.listener = new JfrListener(builder.listener);
        final List<Reactor> made = new ArrayList<>();
        final List<ThreadConfig> threadSpecs = new ArrayList<>();
        final int[] cpus = builder.cpus.toArray();
        for (int i = 0; i < cpus.length; i++) {
            final String reactorName = name + "-reactor-" + cpus[i];
            final int node = builder.topology == null ? -1 : numaNodeOf(builder.topology, cpus[i]);
            made.add(new Reactor(
                    this,
                    i,
                    reactorName,
                    cpus[i],
                    node,
                    builder.pinned,
                    builder.mode,
                    builder.defaultSleepNanos,
                    builder.taskletTiming,
                    builder.nanoClock));
            threadSpecs.add(GroupThreads.spec(
                    reactorName, builder.pinned ? cpus[i] : -1, builder.timerSlackNanos, builder.scheduling));
        }
        this.reactors = List.copyOf(made);
        this.recycler = new Recycler(reactors.size());
        this.placement = builder.placement == null ? null : builder.placement.apply(reactors);
        this.roundRobin = new RoundRobin(name, reactors);
        this.threads = new GroupThreads(
                name,
                reactors,
                List.copyOf(threadSpecs),
                listener,
                builder.watchdogThreshold,
                builder.startWarningInterval,
                builder.closeGrace);
    }

    /**
     * Starts building a group.
     *
     * @return a builder for one unpinned reactor per allowed CPU of this machine, in interrupt mode
     */
    public static ReactorGroupBuilder builder() {
        return new ReactorGroupBuilder();
    }

    /**
     * Returns the group's name, the prefix of its thread names.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the reactors.
     *
     * @return the reactors in index order
     */
    public List<Reactor> reactors() {
        return reactors;
    }

    /**
     * Returns one reactor.
     *
     * @param index its index
     * @return the reactor
     * @throws IllegalArgumentException if no reactor has that index
     */
    public Reactor reactor(final int index) {
        if (index < 0 || index >= reactors.size()) {
            throw new IllegalArgumentException("reactor index " + index + " is outside [0, " + reactors.size() + ")");
        }
        return reactors.get(index);
    }

    /**
     * Returns the topology the group was built from, if it was built from one (not when it was given explicit
     * CPUs only, or a count of unpinned reactors); balancing uses it to find SMT siblings.
     *
     * @return the topology, or empty
     */
    public Optional<Topology> topology() {
        return Optional.ofNullable(topology);
    }

    /** The recycler whose readers are this group's reactors. */
    Recycler recycler() {
        return recycler;
    }

    /**
     * Returns what the thread placement could not apply (for example pinning on a system without affinity calls).
     *
     * @return one line per setting left out; empty before start
     */
    public List<String> placementNotes() {
        return threads.placementNotes();
    }

    ReactorListener listener() {
        return listener;
    }

    /**
     * Starts every reactor and returns once all are ready.
     *
     * @return this group
     * @throws IllegalStateException if already started, or closed
     * @throws ThreadPlacementException if the kernel refused a reactor's placement; the reactors already started
     *     are stopped again
     */
    public ReactorGroup start() {
        synchronized (this) {
            if (stopped) {
                throw new IllegalStateException("reactor group '" + name + "' is closed; build a new group");
            }
            if (started) {
                throw new IllegalStateException("reactor group '" + name + "' is already started");
            }
            started = true;
        }
        try {
            threads.start();
        } catch (final ThreadPlacementException e) {
            stopped = true;
            throw e;
        }
        return this;
    }

    /**
     * Places a strand round-robin over the reactors its CPU mask allows (preferring its NUMA node).
     *
     * @param strand an unplaced strand
     * @return a future that completes with the reactor once the strand is on it
     * @throws IllegalStateException if the strand was placed before, or the group is not started or has stopped
     * @throws IllegalArgumentException if no reactor is on a CPU of the strand's mask
     */
    public CompletableFuture<Reactor> add(final Strand strand) {
        checkRunning("add a strand");
        if (placement == null) {
            return add(strand, roundRobin.choose(strand));
        }
        final Reactor chosen = placement.place(strand);
        try {
            return addOn(strand, chosen);
        } catch (final RuntimeException e) {
            placement.left(strand, chosen);
            throw e;
        }
    }

    /**
     * Returns the placement that chooses reactors for new strands, if the group was built with one.
     *
     * @return the placement; empty for round-robin
     */
    public Optional<Placement> placement() {
        return Optional.ofNullable(placement);
    }

    /**
     * Places a strand on a given reactor.
     *
     * @param strand an unplaced strand
     * @param reactor a reactor of this group on a CPU of the strand's mask
     * @return a future that completes with the reactor once the strand is on it
     * @throws IllegalStateException if the strand was placed before, or the group is not started or has stopped
     * @throws IllegalArgumentException if the reactor is not in this group or outside the strand's mask
     */
    public CompletableFuture<Reactor> add(final Strand strand, final Reactor reactor) {
        checkRunning("add a strand");
        final CompletableFuture<Reactor> added = addOn(strand, reactor);
        if (placement != null) {
            placement.placed(strand, reactor);
        }
        return added;
    }

    private CompletableFuture<Reactor> addOn(final Strand strand, final Reactor reactor) {
        checkTarget(strand, reactor);
        if (stopped) {
            throw new IllegalStateException("reactor group '" + name + "' has stopped");
        }
        if (!strand.markPlaced()) {
            throw new IllegalStateException(strand + " is already placed or closed");
        }
        strand.placedOn(reactor);
        final CompletableFuture<Void> arrived = new StrandFuture<>(this, strand);
        reactor.post(() -> reactor.membership().arrive(strand, arrived));
        return arrived.thenApply(ignored -> reactor);
    }

    /**
     * Asks the strand's reactor to hand it to another reactor at its next loop boundary; messages posted to the
     * strand after this call run on the target.
     *
     * @param strand a placed strand of this group
     * @param target a reactor of this group on a CPU of the strand's mask
     * @return a future that completes once the strand is on the target
     * @throws IllegalArgumentException if the target is not in this group or outside the strand's mask
     * @throws IllegalStateException if the group is not started
     */
    public CompletableFuture<Void> move(final Strand strand, final Reactor target) {
        return move(strand, target, "api");
    }

    /**
     * Moves a strand as {@link #move(Strand, Reactor)} does, naming who asked for it in the move's Flight Recorder
     * event ({@link dev.weft.events.StrandMoveEvent}).
     *
     * @param strand a placed strand of this group
     * @param target a reactor of this group on a CPU of the strand's mask
     * @param cause who asked, for example {@code rpc} or {@code balancer dynamic}
     * @return a future that completes once the strand is on the target
     * @throws IllegalArgumentException if the target is not in this group or outside the strand's mask
     */
    public CompletableFuture<Void> move(final Strand strand, final Reactor target, final String cause) {
        Objects.requireNonNull(cause, "cause");
        checkRunning("move a strand");
        checkTarget(strand, target);
        final StrandMoveEvent event = CoreEvents.moveRequested(
                strand.id(), strand.name(), strand.reactor().map(Reactor::index).orElse(-1), target.index(), cause);
        final CompletableFuture<Void> moved = new StrandFuture<>(this, strand);
        if (event != null) {
            moved.whenComplete((ignored, failure) -> CoreEvents.moveEnded(event, failure == null));
        }
        strand.post(new StrandControl.Move(target, moved));
        return moved;
    }

    /**
     * Closes a strand (see {@link Strand#close()}).
     *
     * @param strand the strand
     * @return a future that completes once it is off its reactor
     */
    public CompletableFuture<Void> remove(final Strand strand) {
        return strand.close();
    }

    /**
     * Reads every reactor's and strand's counters.
     *
     * @return an immutable snapshot
     */
    public GroupStats snapshot() {
        final List<ReactorStats> all = new ArrayList<>(reactors.size());
        for (final Reactor reactor : reactors) {
            all.add(reactor.stats());
        }
        return new GroupStats(System.nanoTime(), List.copyOf(all));
    }

    /**
     * Whether {@link #start()} has been called.
     *
     * @return true once the group was started, also after it stopped
     */
    public boolean isStarted() {
        return started;
    }

    /**
     * Whether the group has stopped.
     *
     * @return true once {@link #close()} has begun
     */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * Stops every reactor in order and joins their threads; calling it again does nothing.
     *
     * @throws IllegalStateException if called from one of the group's reactor threads, which cannot join itself
     */
    @Override
    public void close() {
        for (final Reactor reactor : reactors) {
            if (reactor.inReactorThread()) {
                throw new IllegalStateException("reactor group '" + name + "' cannot be closed from its own "
                        + reactor.name() + "; close it from another thread");
            }
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        final boolean interrupted = threads.stop();
        recycler.process();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkRunning(final String what) {
        if (!started) {
            throw new IllegalStateException(
                    "reactor group '" + name + "' is not started: call start() before you " + what);
        }
        if (stopped) {
            throw new IllegalStateException("reactor group '" + name + "' has stopped");
        }
    }

    private void checkTarget(final Strand strand, final Reactor reactor) {
        Objects.requireNonNull(strand, "strand");
        Objects.requireNonNull(reactor, "reactor");
        if (reactor.group() != this) {
            throw new IllegalArgumentException(reactor + " is not in reactor group '" + name + "'");
        }
        strand.cpuMask().ifPresent(mask -> {
            if (!mask.contains(reactor.cpu())) {
                throw new IllegalArgumentException(strand + " may not run on " + reactor + ": its CPU mask is " + mask);
            }
        });
    }

    private static int numaNodeOf(final Topology topology, final int cpu) {
        return topology.processors().stream()
                .filter(p -> p.id() == cpu)
                .mapToInt(Processor::numaNode)
                .findFirst()
                .orElse(-1);
    }
}
