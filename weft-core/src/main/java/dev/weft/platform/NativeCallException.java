package dev.weft.platform;

/**
 * A native call failed: carries the call, its {@code errno} and the C library's text for it.
 */
public final class NativeCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String call;
    private final int errno;

    /**
     * Creates the exception.
     *
     * @param call what was called, with its arguments as far as they help, for example {@code "sched_setaffinity(0-3)"}
     * @param errno the {@code errno} the call left
     * @param errnoText the C library's text for {@code errno} ({@code strerror})
     */
    public NativeCallException(final String call, final int errno, final String errnoText) {
        super(call + " failed: errno " + errno + " (" + errnoText + ")");
        this.call = call;
        this.errno = errno;
    }

    /**
     * Creates a copy of a failure with a hint appended to its message, saying what would let the call succeed.
     *
     * @param failure the failure
     * @param hint the hint, for example which capability the call needs
     */
    public NativeCallException(final NativeCallException failure, final String hint) {
        super(failure.getMessage() + ": " + hint, failure);
        this.call = failure.call;
        this.errno = failure.errno;
    }

    /**
     * Returns what was called.
     *
     * @return the call, as given to the constructor
     */
    public String call() {
        return call;
    }

    /**
     * Returns the {@code errno} the call left.
     *
     * @return the error number
     */
    public int errno() {
        return errno;
    }
}
