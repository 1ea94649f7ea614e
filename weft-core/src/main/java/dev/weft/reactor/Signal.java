package dev.weft.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A cross-thread notifier: any thread {@link #raise()}s it, and the handler it is registered with runs once on the
 * owning strand's reactor, waking that reactor if it sleeps (the role of an eventfd in SPDK and OpenPerf).
 */
public final class Signal {

    /*
     * Implementation overview.
     *
     * A raise sets a pending flag; only the raise that turns it from clear to set queues the registration on its
     * strand's ready queue (a JCTools MPSC queue) and wakes the reactor, so a burst of raises costs one queue entry and
     * at most one wake-up. The reactor clears the flag before it runs the handler, so a raise during the handler is
     * never lost: it queues the registration again. A signal raised before it is registered stays pending and fires as
     * soon as the registration is active.
     */

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(Signal.class, "pending", int.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private volatile int pending;
    private volatile Registration registration;

    /**
     * Creates a signal.
     *
     * @param name a name for reports, not blank
     * @throws IllegalArgumentException if the name is blank
     */
    public Signal(final String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a signal name must not be blank");
        }
        this.name = name;
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** Makes the registered handler run once more on its reactor; any thread may call this. */
    public void raise() {
        if ((int) PENDING.getAndSet(this, 1) == 0) {
            final Registration current = registration;
            if (current != null) {
                current.strand().signalReady(current);
            }
        }
    }

    /**
     * Whether a raise is waiting for its handler.
     *
     * @return true if raised and not yet handled
     */
    public boolean isPending() {
        return pending != 0;
    }

    void bind(final Registration owner) {
        registration = owner;
        if (pending != 0) {
            owner.strand().signalReady(owner);
        }
    }

    void unbind(final Registration owner) {
        if (registration == owner) {
            registration = null;
        }
    }

    boolean isBound() {
        return registration != null;
    }

    boolean consume() {
        return (int) PENDING.getAndSet(this, 0) != 0;
    }

    /**
     * Returns the name.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        return "Signal{" + name + "}";
    }
}
