package dev.weft.reactor;

import dev.weft.events.CoreEvents;
import java.util.List;

/**
 * The listener a {@link ReactorGroup} calls: it commits the Flight Recorder event of each contained failure and each
 * watchdog stall, then hands the report on to the listener the group was built with. Thread-safe as its delegate is.
 */
final class JfrListener implements ReactorListener {

    private final ReactorListener delegate;

    JfrListener(final ReactorListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void failed(final ReactorFailure failure) {
        CoreEvents.failed(
                failure.reactor(),
                failure.strand() == null ? null : failure.strand().name(),
                failure.kind(),
                failure.source(),
                failure.error());
        delegate.failed(failure);
    }

    @Override
    public void stuck(final String reactor, final String activity, final long stuckNanos) {
        CoreEvents.stalled(reactor, activity, stuckNanos);
        delegate.stuck(reactor, activity, stuckNanos);
    }

    @Override
    public void recovered(final String reactor, final String activity, final long stalledNanos) {
        delegate.recovered(reactor, activity, stalledNanos);
    }

    @Override
    public void late(final String group, final String awaiting, final List<String> reactors) {
        delegate.late(group, awaiting, reactors);
    }
}
