package dev.weft.rpc.methods;

import dev.weft.reactor.ReactorFailure;
import dev.weft.reactor.ReactorListener;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * A {@link ReactorListener} that keeps the most recent tasklet failures and watchdog reports for
 * {@code weft_get_failures}, and counts all of them.
 *
 * <p>Reactors and the watchdog call it rarely (a failure isolates a tasklet, a stuck report fires once per episode),
 * so a monitor around two bounded deques is enough; the oldest entry is dropped when a deque is full. It forwards
 * every event to a delegate (the logging listener by default) so that failures still reach the log. (The reactor
 * group itself commits the Flight Recorder events, {@link dev.weft.events.TaskletFailureEvent} and
 * {@link dev.weft.events.WatchdogStallEvent}.)
 */
public final class FailureLog implements ReactorListener {

    /**
     * One contained failure.
     *
     * @param time when it was reported
     * @param reactor the reactor's name
     * @param strand the strand's name, or null for a reactor-level failure
     * @param kind what kind of work failed
     * @param source the tasklet, registration or message
     * @param error the exception's class and message
     */
    public record Failure(
            Instant time, String reactor, String strand, ReactorFailure.Kind kind, String source, String error) {}

    /**
     * One watchdog report.
     *
     * @param time when it was reported
     * @param reactor the reactor's name
     * @param activity what it was running
     * @param stuckNanos how long it had been in it
     */
    public record Stuck(Instant time, String reactor, String activity, long stuckNanos) {}

    private final int capacity;
    private final ReactorListener delegate;
    private final ArrayDeque<Failure> failures = new ArrayDeque<>();
    private final ArrayDeque<Stuck> stuck = new ArrayDeque<>();
    private long failureCount;
    private long stuckCount;

    /**
     * Creates a log.
     *
     * @param capacity how many of each kind of entry to keep, at least 1
     * @param delegate the listener every event is passed on to
     * @throws IllegalArgumentException if the capacity is below 1
     */
    public FailureLog(final int capacity, final ReactorListener delegate) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a failure log keeps at least 1 entry, not " + capacity);
        }
        this.capacity = capacity;
        this.delegate = delegate;
    }

    @Override
    public void failed(final ReactorFailure failure) {
        synchronized (this) {
            if (failures.size() == capacity) {
                failures.removeFirst();
            }
            failures.addLast(new Failure(
                    Instant.now(),
                    failure.reactor(),
                    failure.strand() == null ? null : failure.strand().name(),
                    failure.kind(),
                    failure.source(),
                    String.valueOf(failure.error())));
            failureCount++;
        }
        delegate.failed(failure);
    }

    @Override
    public void stuck(final String reactor, final String activity, final long stuckNanos) {
        synchronized (this) {
            if (stuck.size() == capacity) {
                stuck.removeFirst();
            }
            stuck.addLast(new Stuck(Instant.now(), reactor, activity, stuckNanos));
            stuckCount++;
        }
        delegate.stuck(reactor, activity, stuckNanos);
    }

    /**
     * Returns the kept failures, oldest first.
     *
     * @return a copy
     */
    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    /**
     * Returns the kept watchdog reports, oldest first.
     *
     * @return a copy
     */
    public synchronized List<Stuck> stuckReports() {
        return List.copyOf(stuck);
    }

    /**
     * Returns how many failures were reported in all.
     *
     * @return the count, kept entries and dropped ones
     */
    public synchronized long failureCount() {
        return failureCount;
    }

    /**
     * Returns how many watchdog reports were made in all.
     *
     * @return the count, kept entries and dropped ones
     */
    public synchronized long stuckCount() {
        return stuckCount;
    }
}
