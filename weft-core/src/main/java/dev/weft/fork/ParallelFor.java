package dev.weft.fork;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * One piece of a parallel-for: a range of indices that halves itself until it is no larger than the grain.
 *
 * <p><b>Implementation overview.</b> Every piece is a child of one root {@link EmptyTask} that holds the caller's
 * wait. A piece larger than the grain spawns its upper half (counting it on the root first) and keeps the lower half,
 * so the deque's top, where thieves take from, always holds the largest remaining pieces; it then runs its indices
 * in a plain loop. The wait ends when the root's count falls back to its own reference and the wait's. A body that
 * throws fails its piece; the failure is recorded on the root and thrown to the caller after every piece has ended.
 */
final class ParallelFor extends Task {

    private final Task root;
    private final int from;
    private final int to;
    private final int grain;
    private final IntConsumer body;

    private ParallelFor(final Task root, final int from, final int to, final int grain, final IntConsumer body) {
        this.root = root;
        this.from = from;
        this.to = to;
        this.grain = grain;
        this.body = body;
    }

    static void run(
            final MicroScheduler scheduler, final int from, final int to, final int grain, final IntConsumer body) {
        Objects.requireNonNull(body, "body");
        if (grain < 1) {
            throw new IllegalArgumentException("parallel-for grain " + grain + " is below 1");
        }
        if (from > to) {
            throw new IllegalArgumentException("parallel-for range [" + from + ", " + to + ") is reversed");
        }
        if (from == to) {
            return;
        }
        final EmptyTask root = new EmptyTask();
        root.setName("parallel-for [" + from + ", " + to + ")");
        root.setRef(2);
        final ParallelFor all = new ParallelFor(root, from, to, grain, body);
        root.addChildTaskWithRef(all);
        scheduler.waitPaths().runAndWait(all, 0, root);
    }

    @Override
    protected Task execute(final TaskContext context) {
        int hi = to;
        while (hi - from > grain) {
            final int mid = (from + hi) >>> 1;
            final ParallelFor upper = new ParallelFor(root, mid, hi, grain, body);
            root.addChildTaskWithRef(upper);
            context.spawn(upper);
            hi = mid;
        }
        for (int i = from; i < hi; i++) {
            body.accept(i);
        }
        return null;
    }
}
