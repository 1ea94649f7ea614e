package dev.weft.reactor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What one reactor runs right now, published for its {@link Watchdog}: the reactor thread writes it with opaque
 * stores, the watchdog thread reads it.
 */
final class ActivityProbe {

    /*
     * Implementation overview.
     *
     * Two words. While a tasklet is polled, `polling` holds a primitive code of its position: the strand's index on
     * the reactor plus one in the high 32 bits, the tasklet's index in the low 32, so the hot loop stores no
     * reference and pays no GC barrier. For anything else (a message, a strand's mailbox, a handler) `polling` is 0
     * and `activity` holds the object. Both are cleared at the end of each pass. A reader turns a code back into the
     * tasklet through the reactor's current strand array; if the arrays changed since (the code is stale), it falls
     * back to `activity`, and the watchdog, which compares readings a quarter threshold apart, sees the change.
     */

    private static final VarHandle ACTIVITY;
    private static final VarHandle POLLING;

    static {
        try {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACTIVITY = lookup.findVarHandle(ActivityProbe.class, "activity", Object.class);
            POLLING = lookup.findVarHandle(ActivityProbe.class, "polling", long.class);
        } catch (final ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Object activity;

    @SuppressWarnings("UnusedVariable") // read and written through POLLING
    private long polling;

    /** The code of a strand's position, to be or-ed with a tasklet's index for {@link #polling(long)}. */
    static long strandCode(final int strandIndex) {
        return (long) (strandIndex + 1) << 32;
    }

    /** Publishes that the tasklet at a position is being polled; reactor thread. */
    void polling(final long code) {
        POLLING.setOpaque(this, code);
    }

    /** Publishes that a message, strand mailbox or handler runs; reactor thread. */
    void enter(final Object work) {
        POLLING.setOpaque(this, 0L);
        ACTIVITY.setOpaque(this, work);
    }

    /** Publishes that the reactor is between two pieces of work; reactor thread, at the end of a pass. */
    void clear() {
        POLLING.setOpaque(this, 0L);
        if (activity != null) {
            ACTIVITY.setOpaque(this, null);
        }
    }

    /**
     * Reads what runs now; any thread.
     *
     * @param strands the reactor's strands now
     * @return the tasklet, strand, registration or message, or null between passes
     */
    Object current(final Strand[] strands) {
        final long code = (long) POLLING.getOpaque(this);
        if (code == 0) {
            return ACTIVITY.getOpaque(this);
        }
        final int strandAt = (int) (code >>> 32) - 1;
        final int taskletAt = (int) code;
        if (strandAt < strands.length) {
            final Tasklet[] tasklets = strands[strandAt].tasklets();
            if (taskletAt < tasklets.length) {
                return tasklets[taskletAt];
            }
        }
        return ACTIVITY.getOpaque(this);
    }
}
