package dev.weft.fork;

/**
 * A task that does nothing when it runs, GTS's {@code EmptyTask}: the root that a waiter counts children on, or a
 * join point that only gathers its children before completing its own parent.
 */
public final class EmptyTask extends Task {

    /** Creates an empty task with a reference count of 1. */
    public EmptyTask() {}

    /**
     * Does nothing.
     *
     * @param context the running worker
     * @return null: no bypass task
     */
    @Override
    protected Task execute(final TaskContext context) {
        return null;
    }
}
