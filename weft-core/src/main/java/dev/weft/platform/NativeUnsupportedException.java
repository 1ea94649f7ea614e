package dev.weft.platform;

/**
 * A native facility weft uses (affinity, {@code getcpu}, timer slack, thread ids, thread priorities) does not exist
 * on this system. Callers that can run without it catch this and go on, saying what they could not do.
 */
public final class NativeUnsupportedException extends UnsupportedOperationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is unsupported and why, for example {@code "sched_setaffinity is unsupported on Mac OS X"}
     */
    public NativeUnsupportedException(final String message) {
        super(message);
    }
}
