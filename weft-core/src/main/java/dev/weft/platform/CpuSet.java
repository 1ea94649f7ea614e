package dev.weft.platform;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * An immutable set of logical processor ids, as Linux and SPDK write them; thread-safe. Two textual forms are
 * supported:
 *
 * <ul>
 *   <li>the Linux <em>cpulist</em> ({@code "0-3,8,10-11"}), read from sysfs files such as
 *       {@code cpu/online} and {@code node0/cpulist} and from cgroup {@code cpuset.cpus}; the empty string (or a lone
 *       newline, as sysfs writes it) is the empty set;</li>
 *   <li>the SPDK <em>mask</em>, a hexadecimal number whose bit {@code n} is processor {@code n}, written in lowercase
 *       without {@code 0x} and as {@code "0"} when empty (what SPDK's RPCs return); {@code 0x} or {@code 0X} is
 *       accepted on input, as SPDK's {@code -m} option accepts it.</li>
 * </ul>
 * Malformed text is rejected with an {@link IllegalArgumentException} that quotes it and says what was wrong.
 */
public final class CpuSet {

    /*
     * Implementation overview
     *
     * The set is a bitmap held in a long[] whose last word is never zero (the empty set has no words), so two equal
     * sets always have equal arrays and equals and hashCode are plain array comparisons.
     */

    /** The largest processor id weft accepts; Linux's own {@code NR_CPUS} ceiling is 8192. */
    public static final int MAX_CPU_ID = 8191;

    private static final CpuSet EMPTY = new CpuSet(new long[0]);

    private final long[] words;

    private CpuSet(final long[] words) {
        this.words = words;
    }

    /**
     * Returns the empty set.
     *
     * @return the set with no processors
     */
    public static CpuSet empty() {
        return EMPTY;
    }

    /**
     * Returns the set of the given processor ids.
     *
     * @param cpus processor ids, each in {@code [0, MAX_CPU_ID]}; duplicates are allowed
     * @return the set of those ids
     * @throws IllegalArgumentException if an id is out of range
     */
    public static CpuSet of(final int... cpus) {
        final Builder builder = new Builder();
        for (final int cpu : cpus) {
            builder.add(cpu);
        }
        return builder.build();
    }

    /**
     * Returns the set of processor ids from {@code first} to {@code last}, both included.
     *
     * @param first the lowest id
     * @param last the highest id, not below {@code first}
     * @return the range as a set
     * @throws IllegalArgumentException if the range is reversed or out of bounds
     */
    public static CpuSet range(final int first, final int last) {
        if (first > last) {
            throw new IllegalArgumentException("CPU range " + first + "-" + last + " is reversed");
        }
        final Builder builder = new Builder();
        builder.addRange(first, last);
        return builder.build();
    }

    /**
     * Parses a Linux cpulist such as {@code "0-3,8,10-11"}. Surrounding white space (sysfs files end in a newline)
     * is ignored; an empty or blank string is the empty set. Items are {@code a} or {@code a-b}; the kernel's
     * strided form {@code a-b:c/d}, which sysfs never writes, is rejected.
     *
     * @param cpulist the text
     * @return the set it names
     * @throws IllegalArgumentException naming the text and the fault if it is not a cpulist
     */
    public static CpuSet parseList(final String cpulist) {
        if (cpulist == null) {
            throw new IllegalArgumentException("CPU list is null");
        }
        final String text = cpulist.strip();
        if (text.isEmpty()) {
            return EMPTY;
        }
        final Builder builder = new Builder();
        for (final String part : text.split(",", -1)) {
            final String item = part.strip();
            if (item.isEmpty()) {
                throw malformedList(cpulist, "an empty item");
            }
            final int dash = item.indexOf('-');
            if (dash < 0) {
                builder.add(parseId(cpulist, item));
            } else {
                final int first = parseId(cpulist, item.substring(0, dash));
                final int last = parseId(cpulist, item.substring(dash + 1));
                if (first > last) {
                    throw malformedList(cpulist, "the reversed range '" + item + "'");
                }
                builder.addRange(first, last);
            }
        }
        return builder.build();
    }

    /**
     * Parses an SPDK CPU mask in any form SPDK's {@code spdk_cpuset_parse} takes: hexadecimal digits, most
     * significant first, optionally preceded by {@code 0x} ({@code "3"}, {@code "0x3"}, {@code "ff00"}; {@code "0x"}
     * alone is the empty set), or a bracketed list of decimal CPUs and ranges ({@code "[1]"}, {@code "[0-3, 8]"}).
     * Blanks around the text, and around the items of a list, are ignored.
     *
     * @param mask the text
     * @return the set whose processor {@code n} is bit {@code n} of the mask, or the CPUs the list names
     * @throws IllegalArgumentException naming the text and the fault if it is neither form
     */
    public static CpuSet parseMask(final String mask) {
        if (mask == null) {
            throw new IllegalArgumentException("CPU mask is null");
        }
        final String text = mask.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("CPU mask '" + mask + "' is empty");
        }
        if (text.charAt(0) == '[') {
            return parseBracketList(mask, text);
        }
        final boolean prefixed = text.startsWith("0x") || text.startsWith("0X");
        final String digits = prefixed ? text.substring(2) : text;
        final Builder builder = new Builder();
        final int length = digits.length();
        for (int i = 0; i < length; i++) {
            final int nibble = Character.digit(digits.charAt(length - 1 - i), 16);
            if (nibble < 0) {
                throw new IllegalArgumentException("CPU mask '" + mask + "' has the non-hexadecimal character '"
                        + digits.charAt(length - 1 - i) + "'");
            }
            for (int bit = 0; bit < 4; bit++) {
                if ((nibble & (1 << bit)) != 0) {
                    builder.add(i * 4 + bit);
                }
            }
        }
        return builder.build();
    }

    /**
     * SPDK's list form: {@code [} then items separated by {@code ,}, each a CPU or {@code first-last}, then
     * {@code ]}. As SPDK's parser does, a dash makes the number before it the start of the range that the next
     * number ends. Unlike SPDK's, text after the closing bracket is refused rather than ignored.
     */
    private static CpuSet parseBracketList(final String mask, final String text) {
        final Builder builder = new Builder();
        int at = 1;
        int rangeStart = -1;
        while (true) {
            at = skipBlanks(text, at);
            final int digitsFrom = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == digitsFrom) {
                throw malformedMask(
                        mask,
                        at < text.length()
                                ? "the character '" + text.charAt(at) + "' where a CPU " + "number belongs"
                                : "no closing ']'");
            }
            final int cpu = parseId(mask, text.substring(digitsFrom, at));
            at = skipBlanks(text, at);
            final char next = at < text.length() ? text.charAt(at) : '\0';
            if (next == '-') {
                rangeStart = cpu;
            } else if (next == ',' || next == ']') {
                final int first = rangeStart < 0 ? cpu : rangeStart;
                if (first > cpu) {
                    throw malformedMask(mask, "the reversed range " + first + "-" + cpu);
                }
                builder.addRange(first, cpu);
                rangeStart = -1;
                if (next == ']') {
                    if (at != text.length() - 1) {
                        throw malformedMask(mask, "text after the closing ']'");
                    }
                    return builder.build();
                }
            } else {
                throw malformedMask(
                        mask, at < text.length() ? "the character '" + next + "' after CPU " + cpu : "no closing ']'");
            }
            at++;
        }
    }

    private static int skipBlanks(final String text, final int from) {
        int at = from;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    private static IllegalArgumentException malformedMask(final String mask, final String fault) {
        return new IllegalArgumentException("CPU mask '" + mask + "' is not an SPDK mask (hexadecimal such as "
                + "\"0x3\", or a list such as \"[0-1,4]\"): it has " + fault);
    }

    /**
     * Returns the set whose processor {@code n} is bit {@code n} of the little-endian bitmap, as
     * {@code sched_getaffinity} fills a {@code cpu_set_t}.
     *
     * @param bitmap the 64-bit words of the bitmap, lowest processors first
     * @return the set
     */
    public static CpuSet fromWords(final long[] bitmap) {
        int length = bitmap.length;
        while (length > 0 && bitmap[length - 1] == 0) {
            length--;
        }
        if (length * 64 > MAX_CPU_ID + 1) {
            throw new IllegalArgumentException("CPU bitmap names a processor above " + MAX_CPU_ID);
        }
        return length == 0 ? EMPTY : new CpuSet(Arrays.copyOf(bitmap, length));
    }

    /**
     * Returns the bitmap of this set as 64-bit words, lowest processors first, at least {@code minWords} long.
     *
     * @param minWords the smallest length of the returned array
     * @return a fresh array the caller may change
     */
    public long[] toWords(final int minWords) {
        return Arrays.copyOf(words, Math.max(minWords, words.length));
    }

    /**
     * Whether the processor is in this set.
     *
     * @param cpu a processor id
     * @return true if it is a member
     */
    public boolean contains(final int cpu) {
        final int word = cpu >>> 6;
        return cpu >= 0 && word < words.length && (words[word] & (1L << cpu)) != 0;
    }

    /**
     * Whether every processor of {@code other} is in this set.
     *
     * @param other another set
     * @return true if {@code other} is a subset of this one
     */
    public boolean containsAll(final CpuSet other) {
        if (other.words.length > words.length) {
            return false;
        }
        for (int i = 0; i < other.words.length; i++) {
            if ((other.words[i] & ~words[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the number of processors in this set.
     *
     * @return the cardinality
     */
    public int size() {
        int count = 0;
        for (final long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }

    /**
     * Whether this set has no processors.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return words.length == 0;
    }

    /**
     * Returns the lowest processor id in this set.
     *
     * @return the first member
     * @throws NoSuchElementException if the set is empty
     */
    public int first() {
        if (words.length == 0) {
            throw new NoSuchElementException("the CPU set is empty");
        }
        for (int i = 0; ; i++) {
            if (words[i] != 0) {
                return i * 64 + Long.numberOfTrailingZeros(words[i]);
            }
        }
    }

    /**
     * Returns the highest processor id in this set.
     *
     * @return the last member
     * @throws NoSuchElementException if the set is empty
     */
    public int last() {
        if (words.length == 0) {
            throw new NoSuchElementException("the CPU set is empty");
        }
        final int i = words.length - 1;
        return i * 64 + 63 - Long.numberOfLeadingZeros(words[i]);
    }

    /**
     * Returns the members in increasing order.
     *
     * @return a stream of processor ids
     */
    public IntStream stream() {
        return IntStream.range(0, words.length * 64).filter(this::contains);
    }

    /**
     * Returns the members in increasing order.
     *
     * @return a fresh array of processor ids
     */
    public int[] toArray() {
        return stream().toArray();
    }

    /**
     * Returns the processors in this set or in {@code other}.
     *
     * @param other another set
     * @return the union
     */
    public CpuSet union(final CpuSet other) {
        final long[] result = Arrays.copyOf(words, Math.max(words.length, other.words.length));
        for (int i = 0; i < other.words.length; i++) {
            result[i] |= other.words[i];
        }
        return fromWords(result);
    }

    /**
     * Returns the processors in both this set and {@code other}.
     *
     * @param other another set
     * @return the intersection
     */
    public CpuSet intersect(final CpuSet other) {
        final long[] result = new long[Math.min(words.length, other.words.length)];
        for (int i = 0; i < result.length; i++) {
            result[i] = words[i] & other.words[i];
        }
        return fromWords(result);
    }

    /**
     * Returns the processors in this set but not in {@code other}.
     *
     * @param other another set
     * @return the difference
     */
    public CpuSet minus(final CpuSet other) {
        final long[] result = words.clone();
        for (int i = 0; i < Math.min(result.length, other.words.length); i++) {
            result[i] &= ~other.words[i];
        }
        return fromWords(result);
    }

    /**
     * Formats this set as a Linux cpulist with ranges collapsed, for example {@code "0-3,8,10-11"}; the empty set is
     * the empty string.
     *
     * @return the cpulist
     */
    public String toList() {
        final StringBuilder text = new StringBuilder();
        int cpu = nextSetBit(0);
        while (cpu >= 0) {
            int end = cpu;
            while (contains(end + 1)) {
                end++;
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(cpu);
            if (end > cpu) {
                text.append('-').append(end);
            }
            cpu = nextSetBit(end + 1);
        }
        return text.toString();
    }

    /**
     * Formats this set as an SPDK mask: lowercase hexadecimal without {@code 0x}, {@code "0"} when empty.
     *
     * @return the mask
     */
    public String toMask() {
        if (words.length == 0) {
            return "0";
        }
        final StringBuilder text = new StringBuilder(Long.toHexString(words[words.length - 1]));
        for (int i = words.length - 2; i >= 0; i--) {
            final String word = Long.toHexString(words[i]);
            text.append("0".repeat(16 - word.length())).append(word);
        }
        return text.toString();
    }

    private int nextSetBit(final int from) {
        for (int cpu = from; cpu < words.length * 64; cpu++) {
            if (contains(cpu)) {
                return cpu;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof CpuSet set && Arrays.equals(words, set.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    /**
     * Returns the cpulist form in braces, for example {@code "CpuSet{0-3}"}.
     *
     * @return a readable form
     */
    @Override
    public String toString() {
        return "CpuSet{" + toList() + "}";
    }

    private static int parseId(final String cpulist, final String text) {
        final String digits = text.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw malformedList(cpulist, "'" + text + "', which is not a CPU number");
        }
        if (digits.length() > 5 || Integer.parseInt(digits) > MAX_CPU_ID) {
            throw malformedList(cpulist, "CPU " + digits + ", above the largest supported id " + MAX_CPU_ID);
        }
        return Integer.parseInt(digits);
    }

    private static IllegalArgumentException malformedList(final String cpulist, final String fault) {
        return new IllegalArgumentException("CPU list '" + cpulist + "' is malformed: it has " + fault);
    }

    /** Accumulates processor ids into a new {@link CpuSet}; single-threaded. */
    public static final class Builder {
        private long[] bits = new long[1];

        /** Creates an empty builder. */
        public Builder() {}

        /**
         * Adds one processor.
         *
         * @param cpu a processor id in {@code [0, MAX_CPU_ID]}
         * @return this builder
         * @throws IllegalArgumentException if the id is out of range
         */
        public Builder add(final int cpu) {
            if (cpu < 0 || cpu > MAX_CPU_ID) {
                throw new IllegalArgumentException("CPU " + cpu + " is outside [0, " + MAX_CPU_ID + "]");
            }
            final int word = cpu >>> 6;
            if (word >= bits.length) {
                bits = Arrays.copyOf(bits, Math.max(word + 1, bits.length * 2));
            }
            bits[word] |= 1L << cpu;
            return this;
        }

        /**
         * Adds every processor of a set.
         *
         * @param set the processors to add
         * @return this builder
         */
        public Builder addAll(final CpuSet set) {
            set.stream().forEach(this::add);
            return this;
        }

        private void addRange(final int first, final int last) {
            for (int cpu = first; cpu <= last; cpu++) {
                add(cpu);
            }
        }

        /**
         * Returns the set of the processors added so far.
         *
         * @return an immutable set
         */
        public CpuSet build() {
            return fromWords(bits);
        }
    }
}
