package dev.weft.process;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Outcome bookkeeping of a {@link ProcessScheduler}: the outcomes reached during one {@code run()}, counted per kind
 * as they are reached, then handed to the {@link OutcomeHandler} of their result type (or the fallback handler) in
 * the order reached.
 *
 * <p>Reaching an outcome ({@link #emit(Outcome)}) and delivering it ({@link #deliver()}) are apart on purpose: the
 * parts that decide outcomes (worker slots, command slots, the inline runner, the queue) may do so in the middle of
 * changing their own state, and a handler runs only once {@code run()} has finished its pass, so it always sees a
 * consistent scheduler and cannot re-enter a half-done pass. A handler that throws is logged and does not keep the
 * other outcomes from their handlers. Each task's {@link OutcomeFuture} ({@link #track}) is completed right after
 * its handler. {@link #emit(Outcome)} is the one place where every outcome is decided (timed out and killed,
 * crashed, cancelled...), so whatever must observe outcomes as they happen (counters, events) belongs there. Run
 * thread only.
 */
final class Outcomes {

    private static final System.Logger LOG = System.getLogger(Outcomes.class.getName());

    private final Map<String, OutcomeHandler> handlers;
    private final OutcomeHandler fallback;
    private final ArrayDeque<Outcome> ready = new ArrayDeque<>();
    private final Map<Long, OutcomeFuture> futures = new HashMap<>();
    private long ok;
    private long failed;
    private long timedOut;
    private long crashed;
    private long cancelled;
    private long rejected;
    private long unavailable;

    /**
     * Creates the bookkeeping.
     *
     * @param handlers the handler of each result type
     * @param fallback the handler of types without one
     */
    Outcomes(final Map<String, OutcomeHandler> handlers, final OutcomeHandler fallback) {
        this.handlers = Map.copyOf(handlers);
        this.fallback = fallback;
    }

    /**
     * Remembers the future of a task taken in, to complete it when the task's outcome is delivered.
     *
     * @param id the task id
     * @param future its future
     */
    void track(final long id, final OutcomeFuture future) {
        futures.put(id, future);
    }

    /**
     * Records an outcome reached; its handler is called at the next {@link #deliver()}.
     *
     * @param outcome the outcome
     */
    void emit(final Outcome outcome) {
        ready.addLast(outcome);
        OutcomeEvents.reached(outcome);
        switch (outcome) {
            case Outcome.Ok _ -> ok++;
            case Outcome.Failed _ -> failed++;
            case Outcome.TimedOut _ -> timedOut++;
            case Outcome.WorkerCrashed _ -> crashed++;
            case Outcome.Cancelled _ -> cancelled++;
            case Outcome.Rejected _ -> rejected++;
            case Outcome.WorkerUnavailable _ -> unavailable++;
        }
    }

    /**
     * Calls the handler of every outcome reached since the last call, in order.
     *
     * @return how many outcomes were delivered
     */
    int deliver() {
        int delivered = 0;
        Outcome outcome;
        while ((outcome = ready.pollFirst()) != null) {
            final OutcomeHandler handler = handlers.getOrDefault(outcome.type(), fallback);
            try {
                handler.onOutcome(outcome);
            } catch (final RuntimeException e) {
                LOG.log(
                        System.Logger.Level.ERROR,
                        "handler for type " + outcome.type() + " threw on the outcome " + "of task " + outcome.id(),
                        e);
            }
            final OutcomeFuture future = futures.remove(outcome.id());
            if (future != null) {
                future.deliver(outcome);
            }
            delivered++;
        }
        return delivered;
    }

    /**
     * Returns a stats snapshot with these outcome counts and the given state.
     *
     * @param queued tasks waiting
     * @param running tasks running
     * @param workersReady live workers past their handshake
     * @param workerStarts workers started
     * @param workerCrashes workers crashed
     * @return the snapshot
     */
    ProcessSchedulerStats stats(
            final int queued,
            final int running,
            final int workersReady,
            final long workerStarts,
            final long workerCrashes) {
        return new ProcessSchedulerStats(
                queued,
                running,
                workersReady,
                workerStarts,
                workerCrashes,
                ok,
                failed,
                timedOut,
                crashed,
                cancelled,
                rejected,
                unavailable);
    }
}
