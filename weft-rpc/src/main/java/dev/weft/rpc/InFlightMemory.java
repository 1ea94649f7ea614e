package dev.weft.rpc;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that all of a server's connections together may hold for the requests they are reading and answering:
 * each connection may hold a small allowance of its own, and beyond it draws on one pool shared by every connection.
 * A connection whose request would take more than the pool has left is refused ({@link BusyException}) instead of
 * the server running out of memory. Thread-safe: the pool is one atomic counter; each {@link Account} belongs to one
 * connection thread.
 */
final class InFlightMemory {

    /** A request could not be read or answered within the memory left for requests in flight. */
    static final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        BusyException(final String message) {
            super(message);
        }
    }

    private final long allowance;
    private final long poolSize;
    private final AtomicLong poolLeft;

    /**
     * Creates a budget.
     *
     * @param allowance what each connection may hold without drawing on the pool
     * @param poolSize the pool all connections share beyond their allowance
     */
    InFlightMemory(final long allowance, final long poolSize) {
        this.allowance = allowance;
        this.poolSize = poolSize;
        this.poolLeft = new AtomicLong(poolSize);
    }

    /**
     * Returns what the shared pool has left now.
     *
     * @return bytes
     */
    long poolLeft() {
        return poolLeft.get();
    }

    /**
     * Opens one connection's account.
     *
     * @return an account holding nothing
     */
    Account open() {
        return new Account();
    }

    /**
     * What one connection holds for its current request, in three parts: the bytes read of the request (charged
     * before the parser sees them, at twice their size, for the parser's character buffers), the tree built from
     * them, and the response. Owned by the connection's thread.
     */
    final class Account {
        private long input;
        private long tree;
        private long output;
        private long fromPool;

        private Account() {}

        void input(final long bytes) throws BusyException {
            input = bytes;
            update();
        }

        void tree(final long bytes) throws BusyException {
            tree = bytes;
            update();
        }

        /**
         * Tries to hold a response of some size.
         *
         * @param bytes the response's size so far
         * @return false if the pool cannot cover it
         */
        boolean output(final long bytes) {
            final long before = output;
            output = bytes;
            try {
                update();
                return true;
            } catch (final BusyException e) {
                output = before;
                return false;
            }
        }

        /** Lets go of everything: the request was answered. */
        void release() {
            input = 0;
            tree = 0;
            output = 0;
            poolLeft.addAndGet(fromPool);
            fromPool = 0;
        }

        private void update() throws BusyException {
            final long over = Math.max(0, input + tree + output - allowance);
            final long more = over - fromPool;
            if (more > 0) {
                long left;
                do {
                    left = poolLeft.get();
                    if (left < more) {
                        throw new BusyException("server busy: requests in flight hold all the memory set aside "
                                + "for them (" + poolSize + " bytes shared, " + allowance + " per connection); "
                                + "try again");
                    }
                } while (!poolLeft.compareAndSet(left, left - more));
            } else if (more < 0) {
                poolLeft.addAndGet(-more);
            }
            fromPool = over;
        }
    }
}
