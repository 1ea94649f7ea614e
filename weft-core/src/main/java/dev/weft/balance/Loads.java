package dev.weft.balance;

/** The arithmetic of load shares that every policy shares. */
final class Loads {

    private Loads() {}

    /**
     * SPDK's {@code _busy_pct}: the integer busy percentage, 0 when there was no time at all.
     */
    static long busyPercent(final long busy, final long idle) {
        final long total = busy + idle;
        return total == 0 ? 0 : busy * 100 / total;
    }
}
