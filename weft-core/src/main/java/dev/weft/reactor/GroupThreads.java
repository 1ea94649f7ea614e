package dev.weft.reactor;

import dev.weft.platform.CpuSet;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.ThreadConfig;
import dev.weft.platform.ThreadPlacementException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The threads of one {@link ReactorGroup}: its reactors' threads and its watchdog, started and stopped together.
 * {@link #start()} and {@link #stop()} are called once each, under the group's own start and close guards.
 */
final class GroupThreads {

    /*
     * Implementation overview.
     *
     * Start launches each reactor thread through its ThreadConfig, collecting what the placement could not apply, and
     * waits for each reactor's ready future (StartHandshake, OpenPerf's op_task_sync_block_and_warn); if the kernel
     * refuses a placement, the reactors launched so far are asked to stop and the refusal is thrown. The Watchdog
     * starts last, so it never sees a reactor that has not run. Stop asks every reactor to stop and joins each
     * thread, telling the listener each interval while one is late, up to one close grace for all; a reactor still
     * alive then is reported as a REACTOR failure whose exception carries the thread's stack, and interrupted, and
     * stop returns without it (a reactor blocked on its own group, as a deadlock, would otherwise hold close forever).
     * Then it stops the watchdog.
     */

    private final String groupName;
    private final List<Reactor> reactors;
    private final List<ThreadConfig> specs;
    private final ReactorListener listener;
    private final Duration watchdogThreshold;
    private final Duration warningInterval;
    private final Duration closeGrace;
    private final List<String> placementNotes = new ArrayList<>();
    private Watchdog watchdog;

    GroupThreads(
            final String groupName,
            final List<Reactor> reactors,
            final List<ThreadConfig> specs,
            final ReactorListener listener,
            final Duration watchdogThreshold,
            final Duration warningInterval,
            final Duration closeGrace) {
        this.groupName = groupName;
        this.reactors = reactors;
        this.specs = specs;
        this.listener = listener;
        this.watchdogThreshold = watchdogThreshold;
        this.warningInterval = warningInterval;
        this.closeGrace = closeGrace;
    }

    /** The spec of a reactor thread: a daemon, pinned to a CPU (or free for -1), with its slack and class. */
    static ThreadConfig spec(
            final String name, final int pinnedCpu, final long timerSlackNanos, final SchedulingPolicy scheduling) {
        ThreadConfig.Builder spec = ThreadConfig.builder(name).daemon(true);
        if (pinnedCpu >= 0) {
            spec = spec.affinity(CpuSet.of(pinnedCpu));
        }
        if (timerSlackNanos > 0) {
            spec = spec.timerSlackNanos(timerSlackNanos);
        }
        if (scheduling != null) {
            spec = spec.scheduling(scheduling);
        }
        return spec.build();
    }

    /**
     * Starts every reactor and then the watchdog, returning once all reactors are ready.
     *
     * @throws ThreadPlacementException if the kernel refused a reactor's placement
     */
    void start() {
        int launched = 0;
        try {
            for (int i = 0; i < reactors.size(); i++) {
                final ThreadConfig.Started thread = specs.get(i).start(reactors.get(i)::run);
                launched++;
                synchronized (this) {
                    placementNotes.addAll(thread.placement().notApplied());
                }
            }
        } catch (final ThreadPlacementException e) {
            for (int i = 0; i < launched; i++) {
                reactors.get(i).requestStop();
            }
            throw e;
        }
        StartHandshake.await(
                groupName,
                reactors.stream().map(Reactor::name).toList(),
                reactors.stream().map(Reactor::ready).toList(),
                warningInterval,
                listener);
        if (!watchdogThreshold.isZero()) {
            watchdog = new Watchdog(reactors, watchdogThreshold.toNanos(), listener);
            watchdog.start(groupName);
        }
    }

    private void abandon(final Reactor reactor, final Thread thread) {
        final IllegalStateException stack = new IllegalStateException(reactor.name() + " of group '" + groupName
                + "' did not stop within the close grace of " + closeGrace.toMillis() + " ms; it was interrupted and"
                + " left running; its stack is this exception's");
        stack.setStackTrace(thread.getStackTrace());
        try {
            listener.failed(new ReactorFailure(reactor.name(), null, ReactorFailure.Kind.REACTOR, "close", stack));
        } catch (final RuntimeException e) {
            System.getLogger(GroupThreads.class.getName())
                    .log(System.Logger.Level.ERROR, "a reactor listener failed on a close report", e);
        }
        thread.interrupt();
    }

    synchronized List<String> placementNotes() {
        return List.copyOf(placementNotes);
    }

    /**
     * Stops every reactor, joins their threads for at most the close grace, and stops the watchdog.
     *
     * @return true if the calling thread was interrupted while it waited (its interrupt status is left clear)
     */
    boolean stop() {
        for (final Reactor reactor : reactors) {
            reactor.requestStop();
        }
        final long deadline = System.nanoTime() + closeGrace.toNanos();
        boolean interrupted = false;
        for (final Reactor reactor : reactors) {
            final Thread thread = reactor.thread();
            long left;
            while (thread != null && thread.isAlive() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    thread.join(Math.max(1, Math.min(warningInterval.toMillis(), left / 1_000_000)));
                    if (thread.isAlive() && deadline - System.nanoTime() > 0) {
                        listener.late(groupName, "stop", List.of(reactor.name()));
                    }
                } catch (final InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (final Reactor reactor : reactors) {
            final Thread thread = reactor.thread();
            if (thread != null && thread.isAlive()) {
                abandon(reactor, thread);
            }
        }
        if (watchdog != null) {
            try {
                watchdog.stop();
            } catch (final InterruptedException e) {
                interrupted = true;
            }
        }
        return interrupted;
    }
}
