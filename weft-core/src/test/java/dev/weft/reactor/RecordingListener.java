package dev.weft.reactor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener for tests that keeps every report. */
final class RecordingListener implements ReactorListener {

    final List<ReactorFailure> failures = new CopyOnWriteArrayList<>();
    final List<String> stuck = new CopyOnWriteArrayList<>();
    final List<String> late = new CopyOnWriteArrayList<>();
    final List<Long> stuckNanos = new CopyOnWriteArrayList<>();
    final List<String> recovered = new CopyOnWriteArrayList<>();
    final List<Long> recoveredNanos = new CopyOnWriteArrayList<>();

    @Override
    public void failed(final ReactorFailure failure) {
        failures.add(failure);
    }

    @Override
    public void stuck(final String reactor, final String activity, final long stuckNanos) {
        stuck.add(reactor + ": " + activity);
        this.stuckNanos.add(stuckNanos);
    }

    @Override
    public void recovered(final String reactor, final String activity, final long stalledNanos) {
        recoveredNanos.add(stalledNanos);
        recovered.add(reactor + ": " + activity);
    }

    @Override
    public void late(final String group, final String awaiting, final List<String> reactors) {
        late.add(group + " " + awaiting + " " + reactors);
    }
}
