package dev.weft.workloads;

/**
 * SHA-1 of the two fixed-length messages UTS hashes: a 20-byte seed block (the root) and a 20-byte state followed by
 * a 4-byte child index (every other node). Both fit in one 64-byte block, so the padding is constant and the whole
 * digest is one compression over sixteen words, with no byte arrays and no {@code MessageDigest}: the usual fix for a
 * Java UTS that would otherwise spend its time in the JCA.
 *
 * <p>States are five big-endian words {@code h0..h4}, the digest's bytes in order; the UTS random value (digest bytes
 * 16..19) is {@code h4}.
 */
public final class Sha1 {

    private Sha1() {}

    /**
     * Digests 16 zero bytes followed by {@code seed} as a big-endian integer: the UTS root state.
     *
     * @param seed the root seed
     * @return the digest as five words
     */
    public static int[] rootState(final int seed) {
        final int[] w = new int[16];
        w[4] = seed;
        w[5] = 0x80000000;
        w[15] = 20 * 8;
        return compress(w);
    }

    /**
     * Digests a 20-byte state followed by {@code index} as a big-endian integer: a child's state.
     *
     * @param s0 word 0 of the parent state
     * @param s1 word 1
     * @param s2 word 2
     * @param s3 word 3
     * @param s4 word 4
     * @param index the child's index
     * @param out where the five words of the child's state go
     */
    public static void childState(
            final int s0, final int s1, final int s2, final int s3, final int s4, final int index, final int[] out) {
        final int[] w = new int[16];
        w[0] = s0;
        w[1] = s1;
        w[2] = s2;
        w[3] = s3;
        w[4] = s4;
        w[5] = index;
        w[6] = 0x80000000;
        w[15] = 24 * 8;
        final int[] h = compress(w);
        System.arraycopy(h, 0, out, 0, 5);
    }

    /**
     * One SHA-1 compression of a single block, four loops of twenty rounds with no branch inside; the message
     * schedule is kept in a ring of sixteen words.
     */
    private static int[] compress(final int[] w) {
        int a = 0x67452301;
        int b = 0xEFCDAB89;
        int c = 0x98BADCFE;
        int d = 0x10325476;
        int e = 0xC3D2E1F0;
        for (int t = 0; t < 20; t++) {
            final int temp = Integer.rotateLeft(a, 5) + ((b & c) | (~b & d)) + e + word(w, t) + 0x5A827999;
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        for (int t = 20; t < 40; t++) {
            final int temp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + word(w, t) + 0x6ED9EBA1;
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        for (int t = 40; t < 60; t++) {
            final int temp = Integer.rotateLeft(a, 5) + ((b & c) | (b & d) | (c & d)) + e + word(w, t) + 0x8F1BBCDC;
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        for (int t = 60; t < 80; t++) {
            final int temp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + word(w, t) + 0xCA62C1D6;
            e = d;
            d = c;
            c = Integer.rotateLeft(b, 30);
            b = a;
            a = temp;
        }
        return new int[] {0x67452301 + a, 0xEFCDAB89 + b, 0x98BADCFE + c, 0x10325476 + d, 0xC3D2E1F0 + e};
    }

    /** Word {@code t} of the message schedule, computed into the ring when {@code t >= 16}. */
    private static int word(final int[] w, final int t) {
        if (t < 16) {
            return w[t];
        }
        final int next = Integer.rotateLeft(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
        w[t & 15] = next;
        return next;
    }
}
