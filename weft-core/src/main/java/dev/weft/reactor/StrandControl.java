package dev.weft.reactor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The control messages that travel in a strand's mailbox beside user messages: each is applied by the reactor that
 * owns the strand when it reaches it, so every change to a strand happens on that strand's thread and in order.
 *
 * <p>Each control also knows how to answer when its strand closed before it was applied ({@link #reject}), so that
 * every request ends in exactly one outcome.
 */
abstract sealed class StrandControl {

    /**
     * Applies the control on the owning reactor.
     *
     * @param reactor the reactor running the strand
     * @param strand the strand
     */
    abstract void apply(Reactor reactor, Strand strand);

    /**
     * Answers the control when its strand closed before it was applied.
     *
     * @param strand the closed strand
     */
    abstract void reject(Strand strand);

    /** Adds a tasklet and starts it. */
    static final class AddTasklet extends StrandControl {
        private final Tasklet tasklet;
        private final CompletableFuture<Tasklet> started;

        AddTasklet(final Tasklet tasklet, final CompletableFuture<Tasklet> started) {
            this.tasklet = tasklet;
            this.started = started;
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            reactor.lifecycle().startTasklet(strand, tasklet, started);
        }

        @Override
        void reject(final Strand strand) {
            tasklet.release();
            started.completeExceptionally(new RejectedExecutionException(
                    "strand '" + strand.name() + "' closed before tasklet '" + tasklet.name() + "' could start"));
        }
    }

    /** Removes a tasklet unless the caller's timeout won first. */
    static final class RemoveTasklet extends StrandControl {
        private final Tasklet tasklet;
        private final Duration timeout;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Void> done;

        RemoveTasklet(final Strand strand, final Tasklet tasklet, final Duration timeout) {
            this.tasklet = tasklet;
            this.timeout = timeout;
            this.done = new StrandFuture<>(strand);
        }

        CompletableFuture<Void> done() {
            return done;
        }

        void expire() {
            if (claimed.compareAndSet(false, true)) {
                done.completeExceptionally(new TimeoutException("tasklet '" + tasklet.name() + "' on strand '"
                        + tasklet.strand().map(Strand::name).orElse("?") + "' was not removed within " + timeout));
            }
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            if (claimed.compareAndSet(false, true)) {
                reactor.lifecycle().stopTasklet(strand, tasklet);
                done.complete(null);
            }
        }

        @Override
        void reject(final Strand strand) {
            if (claimed.compareAndSet(false, true)) {
                done.complete(null);
            }
        }
    }

    /** Activates an event-driven task. */
    static final class Register extends StrandControl {
        private final Registration registration;

        Register(final Registration registration) {
            this.registration = registration;
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            reactor.lifecycle().activate(strand, registration);
        }

        @Override
        void reject(final Strand strand) {
            registration.deletion().run();
        }
    }

    /** Removes an event-driven task. */
    static final class Unregister extends StrandControl {
        private final Registration registration;

        Unregister(final Registration registration) {
            this.registration = registration;
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            reactor.lifecycle().deactivate(strand, registration);
        }

        @Override
        void reject(final Strand strand) {
            // closing the strand removed every registration already; its deleted() future completes from there
        }
    }

    /** Hands the strand to another reactor at the end of the current pass. */
    static final class Move extends StrandControl {
        private final Reactor target;
        private final CompletableFuture<Void> moved;

        Move(final Reactor target, final CompletableFuture<Void> moved) {
            this.target = target;
            this.moved = moved;
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            reactor.membership().beginMove(strand, target, moved);
        }

        @Override
        void reject(final Strand strand) {
            moved.completeExceptionally(new RejectedExecutionException(
                    "strand '" + strand.name() + "' closed before it could move to " + target.name()));
        }
    }

    /** Closes the strand. */
    static final class Close extends StrandControl {
        private final CompletableFuture<Void> closed;

        Close(final CompletableFuture<Void> closed) {
            this.closed = closed;
        }

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            reactor.membership().close(strand);
            closed.complete(null);
        }

        @Override
        void reject(final Strand strand) {
            closed.complete(null);
        }
    }

    /** Does nothing; posted only to wake a reactor so that it looks at its tasklets again. */
    static final class Nudge extends StrandControl {
        static final Nudge INSTANCE = new Nudge();

        @Override
        void apply(final Reactor reactor, final Strand strand) {
            // the pass that follows is the point
        }

        @Override
        void reject(final Strand strand) {
            // nothing was asked
        }
    }
}
