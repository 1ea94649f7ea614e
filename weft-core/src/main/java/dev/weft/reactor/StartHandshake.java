package dev.weft.reactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The start handshake of a {@link ReactorGroup} (OpenPerf's {@code op_task_sync_block_and_warn}): wait until every
 * reactor has reported ready, and each time an interval passes with one still not ready, tell the listener which
 * are late, so a start that hangs says why instead of hanging silently.
 *
 * <p>It waits on the combined future with the interval as timeout, so it wakes only to warn or to return; the
 * reactors' own futures are the only state, which is also what makes the rule testable with futures a test
 * completes itself.
 */
final class StartHandshake {

    private StartHandshake() {}

    /**
     * Waits until every future is complete, reporting the late ones after each interval.
     *
     * @param group the group's name
     * @param names the reactors' names, in the order of {@code readies}
     * @param readies each reactor's ready future
     * @param interval how long to wait between two warnings
     * @param listener where the warnings go
     * @throws IllegalStateException if a reactor failed to start, or the wait was interrupted
     */
    static void await(
            final String group,
            final List<String> names,
            final List<CompletableFuture<Void>> readies,
            final Duration interval,
            final ReactorListener listener) {
        final CompletableFuture<Void> all = CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new));
        while (true) {
            try {
                all.get(interval.toNanos(), TimeUnit.NANOSECONDS);
                return;
            } catch (final TimeoutException e) {
                final List<String> late = new ArrayList<>();
                for (int i = 0; i < readies.size(); i++) {
                    if (!readies.get(i).isDone()) {
                        late.add(names.get(i));
                    }
                }
                listener.late(group, "be ready", List.copyOf(late));
            } catch (final ExecutionException e) {
                throw new IllegalStateException("a reactor of group '" + group + "' failed to start", e.getCause());
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reactor group '" + group + "' was starting", e);
            }
        }
    }
}
