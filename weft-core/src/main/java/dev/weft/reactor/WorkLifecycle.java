package dev.weft.reactor;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Starts and stops the tasklets and activates and removes the registrations of the strands on one {@link Reactor}.
 * Every method runs on that reactor's thread, as a strand's control message is applied or a strand closes.
 */
final class WorkLifecycle {

    /*
     * Implementation overview.
     *
     * A tasklet joins its strand only after its start() returned: a start that throws releases the tasklet, fails
     * the caller's future and is reported, and the strand never polls it. A stopped tasklet leaves the strand's
     * array before its stop() runs, so no later pass polls it, and is released even when stop() throws. A tasklet
     * whose poll throws is stopped the same way and reported.
     *
     * A signal registration binds its signal (a signal has at most one registration; a second one fails its
     * deleted() future); a channel registration registers its channel with the reactor's selector. Removing a
     * registration unbinds or cancels it at once, so its handler never runs again on this reactor, and hands its
     * deletion to the group's Recycler, which runs onDelete only once every reactor passed a quiescent point.
     */

    private final Reactor reactor;
    private final ReactorChannels channels;
    private final ActivityProbe probe;

    WorkLifecycle(final Reactor reactor, final ReactorChannels channels, final ActivityProbe probe) {
        this.reactor = reactor;
        this.channels = channels;
        this.probe = probe;
    }

    /** Starts a tasklet and adds it to its strand; a failed start is reported and completes the future with it. */
    void startTasklet(final Strand strand, final Tasklet tasklet, final CompletableFuture<Tasklet> started) {
        assert reactor.inReactorThread() : "startTasklet off " + reactor.name() + "'s thread";
        probe.enter(tasklet);
        try {
            tasklet.start();
        } catch (final Throwable e) {
            tasklet.release();
            started.completeExceptionally(e);
            reactor.report(strand, ReactorFailure.Kind.TASKLET, tasklet.name(), e);
            return;
        }
        tasklet.dueAfter(reactor.nanoTime());
        strand.loop().addTasklet(tasklet);
        started.complete(tasklet);
    }

    /** Takes a tasklet off its strand and stops it; does nothing if it is no longer there. */
    void stopTasklet(final Strand strand, final Tasklet tasklet) {
        assert reactor.inReactorThread() : "stopTasklet off " + reactor.name() + "'s thread";
        if (!strand.loop().removeTasklet(tasklet)) {
            return;
        }
        probe.enter(tasklet);
        try {
            tasklet.stop();
        } catch (final Throwable e) {
            reactor.report(strand, ReactorFailure.Kind.TASKLET_STOP, tasklet.name(), e);
        } finally {
            tasklet.release();
        }
    }

    /** Stops a tasklet whose poll threw, and reports the failure. */
    void failTasklet(final Strand strand, final Tasklet tasklet, final Throwable error) {
        assert reactor.inReactorThread() : "failTasklet off " + reactor.name() + "'s thread";
        stopTasklet(strand, tasklet);
        reactor.report(strand, ReactorFailure.Kind.TASKLET, tasklet.name(), error);
    }

    /** Activates a registration on its strand: binds its signal or registers its channel. */
    void activate(final Strand strand, final Registration registration) {
        assert reactor.inReactorThread() : "activate off " + reactor.name() + "'s thread";
        if (registration.signal() != null) {
            if (registration.signal().isBound()) {
                registration
                        .deleted()
                        .completeExceptionally(new IllegalStateException(
                                registration.signal() + " is already registered; unregister it first"));
                return;
            }
            strand.loop().addRegistration(registration);
            registration.activate();
            registration.signal().bind(registration);
            return;
        }
        strand.loop().addRegistration(registration);
        registration.activate();
        if (!registerChannel(strand, registration)) {
            strand.loop().removeRegistration(registration);
            registration.deactivate();
        }
    }

    /**
     * Registers a registration's channel with this reactor's selector, when it is activated or its strand arrives.
     *
     * @return false if that failed, which fails the registration's {@code deleted()} future and is reported
     */
    boolean registerChannel(final Strand strand, final Registration registration) {
        assert reactor.inReactorThread() : "registerChannel off " + reactor.name() + "'s thread";
        try {
            channels.register(registration);
            return true;
        } catch (final IOException | RuntimeException e) {
            registration.deleted().completeExceptionally(e);
            reactor.report(strand, ReactorFailure.Kind.HANDLER, registration.toString(), e);
            return false;
        }
    }

    /** Removes a registration from its strand; its deletion runs once no reactor can be inside its handler. */
    void deactivate(final Strand strand, final Registration registration) {
        assert reactor.inReactorThread() : "deactivate off " + reactor.name() + "'s thread";
        if (!strand.loop().removeRegistration(registration)) {
            return;
        }
        registration.deactivate();
        if (registration.signal() != null) {
            registration.signal().unbind(registration);
        } else {
            channels.cancel(registration);
        }
        reactor.group().recycler().defer(registration.deletion());
    }
}
