package dev.weft.rpc;

/**
 * Checks a byte stream for well-formed UTF-8 as RFC 3629 defines it, across any split of the stream into chunks:
 * overlong encodings (such as {@code C0 80}), encoded surrogates ({@code ED A0 80}) and code points past U+10FFFF
 * are errors, as in SPDK's JSON parser. Single-threaded.
 */
final class Utf8Validator {

    private int needed;
    private int low = 0x80;
    private int high = 0xBF;

    /**
     * Checks the next chunk.
     *
     * @param bytes the bytes
     * @param offset where the chunk starts
     * @param length its length
     * @return how many bytes from {@code offset} are valid: {@code length} when all are, else the index (relative to
     *     {@code offset}) of the first byte that is not
     */
    int validPrefix(final byte[] bytes, final int offset, final int length) {
        for (int i = 0; i < length; i++) {
            final int b = bytes[offset + i] & 0xFF;
            if (needed == 0) {
                if (b < 0x80) {
                    continue;
                }
                if (!lead(b)) {
                    return i;
                }
            } else {
                if (b < low || b > high) {
                    return i;
                }
                low = 0x80;
                high = 0xBF;
                needed--;
            }
        }
        return length;
    }

    private boolean lead(final int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            needed = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            needed = 2;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            needed = 3;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        return true;
    }
}
