package dev.weft.platform;

/**
 * A thread started by a {@link ThreadConfig} could not be placed as the spec asked: the kernel refused its affinity,
 * nice value or timer slack. The cause is usually a {@link NativeCallException} with the errno.
 */
public final class ThreadPlacementException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which thread and what failed
     * @param cause the refusal
     */
    public ThreadPlacementException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
