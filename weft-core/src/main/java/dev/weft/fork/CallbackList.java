package dev.weft.fork;

import java.util.Arrays;

/**
 * A scheduler's {@code CHECK_FOR_TASK} callbacks: a copy-on-write array that the search reads without a lock on its
 * last-chance pass, and that registration replaces under the list's own lock.
 */
final class CallbackList {

    private static final CheckForTaskCallback[] NONE = new CheckForTaskCallback[0];

    private volatile CheckForTaskCallback[] callbacks = NONE;

    /**
     * Returns the callbacks, for the search. Any thread.
     *
     * @return the current array; do not modify
     */
    CheckForTaskCallback[] snapshot() {
        return callbacks;
    }

    synchronized void add(final CheckForTaskCallback callback) {
        final CheckForTaskCallback[] now = Arrays.copyOf(callbacks, callbacks.length + 1);
        now[now.length - 1] = callback;
        callbacks = now;
    }

    synchronized boolean remove(final CheckForTaskCallback callback) {
        final int before = callbacks.length;
        callbacks = Arrays.stream(callbacks).filter(c -> c != callback).toArray(CheckForTaskCallback[]::new);
        return callbacks.length != before;
    }
}
