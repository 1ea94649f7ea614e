package dev.weft.workloads;

/**
 * Per-thread counters for tree searches: each worker adds to its own slot, padded to its own cache lines, and the
 * slots are summed once the search is over. A slot is a worker's index (weft) or pool index (ForkJoinPool), so each
 * has a single writer and the counting adds no shared-memory traffic to what is measured.
 */
final class Counters {

    private static final int STRIDE = 16;

    private final long[] cells;
    private final int slots;

    Counters(final int slots) {
        this.slots = slots;
        this.cells = new long[(slots + 2) * STRIDE];
    }

    int slots() {
        return slots;
    }

    void node(final int slot, final int height, final boolean leaf) {
        final int base = (slot + 1) * STRIDE;
        cells[base]++;
        if (leaf) {
            cells[base + 1]++;
        }
        if (height > cells[base + 2]) {
            cells[base + 2] = height;
        }
    }

    void add(final int slot, final long count) {
        cells[(slot + 1) * STRIDE] += count;
    }

    long sum(final int field) {
        long total = 0;
        for (int slot = 0; slot < slots; slot++) {
            total += cells[(slot + 1) * STRIDE + field];
        }
        return total;
    }

    long max(final int field) {
        long best = 0;
        for (int slot = 0; slot < slots; slot++) {
            best = Math.max(best, cells[(slot + 1) * STRIDE + field]);
        }
        return best;
    }

    UtsResult utsResult() {
        return new UtsResult(sum(0), (int) max(2), sum(1));
    }

    static int forkJoinSlot(final int slots) {
        final int index = Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread worker
                ? worker.getPoolIndex() + 1
                : 0;
        if (index >= slots) {
            throw new IllegalStateException(
                    "ForkJoinPool worker index " + index + " exceeds the " + slots + " counter slots");
        }
        return index;
    }
}
