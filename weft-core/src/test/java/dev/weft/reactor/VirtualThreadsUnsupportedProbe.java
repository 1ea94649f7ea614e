package dev.weft.reactor;

/** Run in a JVM without {@code --add-opens java.base/java.lang}: prints what weft says about virtual threads. */
public final class VirtualThreadsUnsupportedProbe {

    private VirtualThreadsUnsupportedProbe() {}

    /**
     * Prints whether strands can carry virtual threads, and what asking for them throws.
     *
     * @param args none
     */
    public static void main(final String[] args) {
        System.out.println("supported=" + Strand.virtualThreadsSupported());
        try {
            Strand.of("probe").virtualThreads();
            System.out.println("no exception");
        } catch (final UnsupportedOperationException e) {
            System.out.println("UnsupportedOperationException: " + e.getMessage());
        }
    }
}
