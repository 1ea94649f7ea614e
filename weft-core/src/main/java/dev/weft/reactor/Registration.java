package dev.weft.reactor;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One event-driven task on a strand (OpenPerf's callback): a {@link Notifier} (an NIO {@link SelectableChannel} or
 * a {@link Signal}), the {@link EventHandler} that runs when it is ready, and an optional {@code onDelete} that runs
 * once the task is gone. Every method may be called from any thread; the handler runs on the strand's reactor,
 * {@code onDelete} on whichever of the group's reactors reclaims it (or the thread closing the group).
 */
public final class Registration {

    /*
     * Implementation overview.
     *
     * Registering and cancelling are messages in the strand's mailbox, so the reactor that runs the strand applies them
     * between two passes, as OpenPerf applies additions and deletions only in update_poller. A channel is put in
     * non-blocking mode and registered with that reactor's selector; when the strand moves, the old reactor cancels the
     * key and the new one registers the channel again. After a registration leaves its reactor, its onDelete is handed
     * to the group's Recycler, which runs it only after every reactor has passed a quiescent point, so no reactor can
     * still be inside the handler; deleted() completes after that.
     */

    private final Strand strand;
    private final SelectableChannel channel;
    private final int interestOps;
    private final Signal signal;
    private final EventHandler handler;
    private final Runnable onDelete;
    private final CompletableFuture<Void> deleted;
    private volatile boolean active;
    private volatile boolean cancelRequested;
    private SelectionKey key;

    Registration(
            final Strand strand,
            final SelectableChannel channel,
            final int interestOps,
            final Signal signal,
            final EventHandler handler,
            final Runnable onDelete) {
        this.strand = strand;
        this.deleted = new StrandFuture<>(strand);
        this.channel = channel;
        this.interestOps = interestOps;
        this.signal = signal;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.onDelete = onDelete;
    }

    /**
     * Returns the strand the task belongs to.
     *
     * @return the strand
     */
    public Strand strand() {
        return strand;
    }

    /**
     * Returns the notifier: a channel with its interest operations, or a signal.
     *
     * @return the notifier
     */
    public Notifier notifier() {
        return channel != null ? new Notifier.OfChannel(channel, interestOps) : new Notifier.OfSignal(signal);
    }

    /**
     * Whether the registration is active on its reactor.
     *
     * @return true from when the reactor applied it until it is removed
     */
    public boolean isActive() {
        return active;
    }

    /**
     * Removes the task; any thread may call this, and calling it again does nothing more.
     *
     * @return a future that completes once {@code onDelete} has run (see {@link #deleted()})
     */
    public CompletableFuture<Void> cancel() {
        if (!cancelRequested) {
            cancelRequested = true;
            strand.post(new StrandControl.Unregister(this));
        }
        return deleted;
    }

    /**
     * Completes once the task is removed and its {@code onDelete}, if any, has run.
     *
     * @return the future
     */
    public CompletableFuture<Void> deleted() {
        return deleted;
    }

    /**
     * Describes the registration for reports.
     *
     * @return the strand and the notifier
     */
    @Override
    public String toString() {
        return "Registration{strand=" + strand.name() + ", notifier=" + notifier() + "}";
    }

    SelectableChannel channel() {
        return channel;
    }

    int interestOps() {
        return interestOps;
    }

    Signal signal() {
        return signal;
    }

    EventHandler handler() {
        return handler;
    }

    /** The key in the owning reactor's selector, or null; owning reactor. */
    SelectionKey key() {
        return key;
    }

    void key(final SelectionKey selectionKey) {
        key = selectionKey;
    }

    void activate() {
        active = true;
    }

    void deactivate() {
        active = false;
    }

    Recycler.Callback deletion() {
        return () -> {
            try {
                if (onDelete != null) {
                    onDelete.run();
                }
                deleted.complete(null);
            } catch (final RuntimeException e) {
                deleted.completeExceptionally(e);
            }
            return Recycler.Result.DONE;
        };
    }
}
