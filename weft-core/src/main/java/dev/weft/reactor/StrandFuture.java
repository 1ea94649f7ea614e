package dev.weft.reactor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A future that a strand's reactor completes (a tasklet started, a strand placed, moved or closed): a wait for it
 * from a reactor thread of the same group, while it is not done, throws {@link BlockingOperationException} instead of
 * blocking. Futures derived from it ({@code thenApply} and the like) check the same.
 *
 * @param <T> the result type
 */
final class StrandFuture<T> extends CompletableFuture<T> {

    private final ReactorGroup group;
    private final Strand strand;

    StrandFuture(final ReactorGroup group, final Strand strand) {
        this.group = group;
        this.strand = strand;
    }

    /** A future for a strand that may not be placed yet; the check finds its group once it is. */
    StrandFuture(final Strand strand) {
        this(null, strand);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new StrandFuture<>(group, strand);
    }

    @Override
    public T join() {
        checkNotOnOwnReactor("join()");
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        checkNotOnOwnReactor("get()");
        return super.get();
    }

    @Override
    public T get(final long timeout, final TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        checkNotOnOwnReactor("get(timeout)");
        return super.get(timeout, unit);
    }

    private void checkNotOnOwnReactor(final String wait) {
        if (isDone()) {
            return;
        }
        final ReactorGroup owner = group != null
                ? group
                : strand.reactor()
                        .or(strand::initialReactor)
                        .map(Reactor::group)
                        .orElse(null);
        if (owner == null) {
            return;
        }
        for (final Reactor reactor : owner.reactors()) {
            if (reactor.inReactorThread()) {
                throw new BlockingOperationException(wait + " on a future of strand '" + strand.name() + "' from "
                        + reactor.name() + ", a reactor of its own group '" + owner.name() + "', would block the"
                        + " reactors that must complete it; chain the next step (thenRun, whenComplete) instead");
            }
        }
    }
}
