package dev.weft.reactor;

/**
 * Thrown when a reactor thread would block waiting for a future that only its own group's reactors can complete (as
 * Netty's {@code BlockingOperationException}): the wait could never end, since the reactor that must complete the
 * future is the one waiting, or is held up behind it. Chain the next step instead ({@code thenRun},
 * {@code whenComplete}), or wait from another thread.
 */
public final class BlockingOperationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the reactor, the strand and the wait
     */
    public BlockingOperationException(final String message) {
        super(message);
    }
}
