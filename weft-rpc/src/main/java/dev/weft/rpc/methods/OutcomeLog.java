package dev.weft.rpc.methods;

import dev.weft.process.Outcome;
import dev.weft.process.OutcomeHandler;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * An {@link OutcomeHandler} that keeps the most recent process-task outcomes for {@code weft_get_process_scheduler}
 * and passes each one on to the handler that does the real work.
 *
 * <p>The scheduler calls handlers on its {@code run()} thread one at a time; RPC threads read concurrently, so a
 * monitor guards one bounded deque (oldest dropped first). Each outcome is reduced to a one-line summary when it is
 * recorded, so the log never holds result data alive. (The process scheduler itself commits the Flight Recorder
 * events of timed-out tasks and crashed workers.)
 */
public final class OutcomeLog implements OutcomeHandler {

    /**
     * One outcome in summary.
     *
     * @param time when it was reported
     * @param id the task id
     * @param type the result type
     * @param outcome {@code ok}, {@code failed}, {@code timed_out}, {@code worker_crashed}, {@code cancelled},
     *     {@code rejected} or {@code worker_unavailable}
     * @param detail the error, reason or timeout, empty for {@code ok}
     */
    public record Entry(Instant time, long id, String type, String outcome, String detail) {}

    private final int capacity;
    private final OutcomeHandler next;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /**
     * Creates a log.
     *
     * @param capacity how many outcomes to keep, at least 1
     * @param next the handler every outcome is passed on to
     * @throws IllegalArgumentException if the capacity is below 1
     */
    public OutcomeLog(final int capacity, final OutcomeHandler next) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an outcome log keeps at least 1 entry, not " + capacity);
        }
        this.capacity = capacity;
        this.next = next;
    }

    @Override
    public void onOutcome(final Outcome outcome) {
        final Entry entry = switch (outcome) {
            case Outcome.Ok ok -> entry(ok, "ok", "");
            case Outcome.Failed failed -> entry(failed, "failed", failed.error());
            case Outcome.TimedOut late ->
                entry(
                        late,
                        "timed_out",
                        "after " + late.timeout().toMillis() + " ms" + (late.killed() ? ", worker killed" : ""));
            case Outcome.WorkerCrashed crashed -> entry(crashed, "worker_crashed", crashed.reason());
            case Outcome.Cancelled cancelled -> entry(cancelled, "cancelled", cancelled.reason());
            case Outcome.Rejected rejected -> entry(rejected, "rejected", rejected.reason());
            case Outcome.WorkerUnavailable unavailable ->
                entry(unavailable, "worker_unavailable", unavailable.reason());
        };
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        next.onOutcome(outcome);
    }

    /**
     * Returns the kept outcomes, oldest first.
     *
     * @return a copy
     */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    private static Entry entry(final Outcome outcome, final String kind, final String detail) {
        return new Entry(Instant.now(), outcome.id(), outcome.type(), kind, detail == null ? "" : detail);
    }
}
