package dev.weft.reactor;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Set;

/**
 * The channels registered on one {@link Reactor}: its {@link Selector}, opened the first time a strand registers a
 * channel (a reactor without channels never has one and parks with {@code LockSupport} instead), and the count of
 * registered channels that decides whether a pass polls the selector at all.
 *
 * <p><b>Threads.</b> Only the reactor thread registers, cancels and selects. {@link #wakeup()} is the one call from
 * other threads (a poster waking a reactor blocked in {@code select}); it reads the selector through a volatile
 * field, and is only called once the reactor has published that it is selecting, which it does after opening it.
 *
 * <p><b>Cancelled keys.</b> A cancelled key stays registered with the selector until the selector's next selection
 * operation. A strand that moves away or unregisters a channel leaves such a key; its channel cannot be registered
 * with another reactor's selector, nor closed cleanly, until then, so the pass that cancelled one ends with a
 * {@code selectNow} ({@link #flushCancelled()}).
 */
final class ReactorChannels {

    private final Reactor reactor;
    private volatile Selector selector;
    private int count;
    private boolean cancelledSinceFlush;

    ReactorChannels(final Reactor reactor) {
        this.reactor = reactor;
    }

    /**
     * Whether any channel is registered, so that a pass must poll the selector and a long wait must select.
     *
     * @return true with one or more channels
     */
    boolean any() {
        return count > 0;
    }

    /**
     * Registers a registration's channel for its interest set, non-blocking, with the registration attached.
     *
     * @param registration a channel registration
     * @throws IOException if the selector cannot be opened or the channel configured
     */
    void register(final Registration registration) throws IOException {
        assert reactor.inReactorThread() : "register off " + reactor.name() + "'s thread";
        if (selector == null) {
            selector = Selector.open();
        }
        registration.channel().configureBlocking(false);
        registration.key(registration.channel().register(selector, registration.interestOps(), registration));
        count++;
    }

    /**
     * Cancels a registration's key, if it has one.
     *
     * @param registration a channel registration
     */
    void cancel(final Registration registration) {
        assert reactor.inReactorThread() : "cancel off " + reactor.name() + "'s thread";
        final SelectionKey key = registration.key();
        if (key != null) {
            key.cancel();
            registration.key(null);
            count--;
            cancelledSinceFlush = true;
        }
    }

    /**
     * Polls the selector without blocking.
     *
     * @return the selected keys, which the caller removes as it handles them
     * @throws IOException if the selection fails
     */
    Set<SelectionKey> selectNow() throws IOException {
        assert reactor.inReactorThread() : "selectNow off " + reactor.name() + "'s thread";
        selector.selectNow();
        return selector.selectedKeys();
    }

    /**
     * Whether a key was cancelled since the last call, which then needs a selection to be flushed.
     *
     * @return true once after one or more cancellations
     */
    boolean flushCancelled() {
        final boolean flush = cancelledSinceFlush;
        cancelledSinceFlush = false;
        return flush;
    }

    /**
     * Blocks until a channel is ready, {@link #wakeup()} is called, or the time is up.
     *
     * @param millis the longest wait in milliseconds, 0 for no limit
     * @return how many channels became ready
     * @throws IOException if the selection fails
     */
    int select(final long millis) throws IOException {
        assert reactor.inReactorThread() : "select off " + reactor.name() + "'s thread";
        return selector.select(millis);
    }

    /** Ends a blocking {@link #select(long)} early; any thread. */
    void wakeup() {
        selector.wakeup();
    }

    /**
     * Closes the selector, if one was opened, deregistering every channel.
     *
     * @throws IOException if closing fails
     */
    void close() throws IOException {
        if (selector != null) {
            selector.close();
        }
    }
}
