package dev.weft.workloads;

/**
 * The parameters of an Unbalanced Tree Search tree, by UTS 2.1's command-line letters.
 *
 * @param type {@code -t}: 0 BIN, 1 GEO, 2 HYBRID (GEO while depth {@literal <} 0.5 gen_mx, then BIN)
 * @param shape {@code -a}: GEO's shape, 0 LINEAR, 1 EXPDEC, 2 CYCLIC, 3 FIXED
 * @param genMx {@code -d}: the depth parameter gen_mx, at least 1
 * @param b0 {@code -b}: the root's branching factor, above 0
 * @param rootSeed {@code -r}: the root seed
 * @param nonLeafProb {@code -q}: BIN's probability that a node has children, in [0, 1]
 * @param nonLeafBf {@code -m}: BIN's number of children of a non-leaf, at least 0
 */
public record UtsParams(int type, int shape, int genMx, double b0, int rootSeed, double nonLeafProb, int nonLeafBf) {

    /** BIN trees. */
    public static final int BIN = 0;
    /** GEO trees. */
    public static final int GEO = 1;
    /** HYBRID trees. */
    public static final int HYBRID = 2;
    /** GEO shape: expected branching falls linearly with depth. */
    public static final int LINEAR = 0;
    /** GEO shape: expected branching decays exponentially. */
    public static final int EXPDEC = 1;
    /** GEO shape: expected branching cycles with depth. */
    public static final int CYCLIC = 2;
    /** GEO shape: constant branching down to gen_mx. */
    public static final int FIXED = 3;

    /** UTS's defaults: {@code -t 1 -a 0 -d 6 -b 4 -r 0}, 1,732 nodes and 1,050 leaves. */
    public static final UtsParams DEFAULT = new UtsParams(GEO, LINEAR, 6, 4.0, 0, 15.0 / 64.0, 4);
    /** T1: {@code -t 1 -a 3 -d 10 -b 4 -r 19}, 4,130,071 nodes, depth 10, 3,305,118 leaves. */
    public static final UtsParams T1 = new UtsParams(GEO, FIXED, 10, 4.0, 19, 15.0 / 64.0, 4);
    /** T3: {@code -t 0 -b 2000 -q 0.124875 -m 8 -r 42}, 4,112,897 nodes, depth 1572, 3,599,034 leaves. */
    public static final UtsParams T3 = new UtsParams(BIN, LINEAR, 6, 2000.0, 42, 0.124875, 8);
    /** T1L: {@code -t 1 -a 3 -d 13 -b 4 -r 29}, 102,181,082 nodes, depth 13, 81,746,377 leaves. */
    public static final UtsParams T1L = new UtsParams(GEO, FIXED, 13, 4.0, 29, 15.0 / 64.0, 4);
    /** T3L: {@code -t 0 -b 2000 -q 0.200014 -m 5 -r 7}, 111,345,631 nodes, depth 17,844, 89,076,904 leaves. */
    public static final UtsParams T3L = new UtsParams(BIN, LINEAR, 6, 2000.0, 7, 0.200014, 5);

    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException naming the letter whose value is out of range
     */
    public UtsParams {
        if (type < BIN || type > HYBRID) {
            throw new IllegalArgumentException("-t " + type + ": the tree type must be 0 (BIN), 1 (GEO) or 2 (HYBRID)");
        }
        if (shape < LINEAR || shape > FIXED) {
            throw new IllegalArgumentException(
                    "-a " + shape + ": the shape must be 0 (LINEAR), 1 (EXPDEC), 2 (CYCLIC) or 3 (FIXED)");
        }
        if (genMx < 1) {
            throw new IllegalArgumentException("-d " + genMx + ": gen_mx must be at least 1");
        }
        if (!(b0 > 0) || Double.isInfinite(b0)) {
            throw new IllegalArgumentException("-b " + b0 + ": the root branching factor must be above 0");
        }
        if (!(nonLeafProb >= 0 && nonLeafProb <= 1)) {
            throw new IllegalArgumentException("-q " + nonLeafProb + ": the non-leaf probability must be in [0, 1]");
        }
        if (nonLeafBf < 0) {
            throw new IllegalArgumentException("-m " + nonLeafBf + ": the non-leaf branching factor must be >= 0");
        }
    }
}
