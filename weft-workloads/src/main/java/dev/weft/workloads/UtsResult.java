package dev.weft.workloads;

/**
 * What a search of a UTS tree counted.
 *
 * @param nodes the number of nodes
 * @param depth the largest node height (the root's is 0)
 * @param leaves the number of nodes without children
 */
public record UtsResult(long nodes, int depth, long leaves) {

    /** The default tree's counts (depth 6). */
    public static final UtsResult DEFAULT = new UtsResult(1732, 6, 1050);
    /** T1's published counts. */
    public static final UtsResult T1 = new UtsResult(4_130_071, 10, 3_305_118);
    /** T3's published counts. */
    public static final UtsResult T3 = new UtsResult(4_112_897, 1572, 3_599_034);
    /** T1L's published counts. */
    public static final UtsResult T1L = new UtsResult(102_181_082, 13, 81_746_377);
    /** T3L's published counts: a binomial tree 17,844 levels deep. */
    public static final UtsResult T3L = new UtsResult(111_345_631, 17_844, 89_076_904);

    /**
     * Throws unless {@code actual} equals this expected result.
     *
     * @param what the run, for the message
     * @param actual what the run counted
     * @return {@code actual}
     * @throws IllegalStateException naming both results if they differ
     */
    public UtsResult verify(final String what, final UtsResult actual) {
        if (!equals(actual)) {
            throw new IllegalStateException(what + " counted " + actual + ", expected " + this);
        }
        return actual;
    }
}
