package dev.weft.balance;

/** No reactor can take a strand: every reactor on its node and mask is full, busy-marked or isolated. */
public final class PlacementException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which strand, and why no reactor could take it
     */
    public PlacementException(final String message) {
        super(message);
    }
}
