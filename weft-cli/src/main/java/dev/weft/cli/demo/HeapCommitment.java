package dev.weft.cli.demo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;

/**
 * Whether the demo's JVM committed its whole heap, and touched it, before the run: {@code -Xms} equal to {@code -Xmx}
 * and {@code -XX:+AlwaysPreTouch}, as {@code ./weft demo} starts it. The report states it, since both ways run in the
 * same JVM and share its heap. Static and stateless.
 */
final class HeapCommitment {

    /*
     * Implementation overview
     *
     * Why it matters. A heap that grows on demand is committed by whichever thread allocates when the collector needs
     * fresh memory: ZGC then calls fallocate and mmap on its heap file and faults the new pages in, from reactor
     * threads too, so a reactor can block in the kernel part-way through a pass. With the heap committed and touched up
     * front the reactors make none of those calls. docs/DECISIONS.md, "the demo commits its heap up front", has the
     * figures.
     */

    private HeapCommitment() {}

    /**
     * Describes this JVM's heap commitment.
     *
     * @return what the report states
     */
    static String ofThisJvm() {
        return describe(
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
    }

    /**
     * Returns this JVM's {@link #note} for the report.
     *
     * @return the note, or empty when the heap was committed and touched at start
     */
    static Optional<String> noteForThisJvm() {
        return note(
                ManagementFactory.getRuntimeMXBean().getInputArguments(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
    }

    /**
     * Describes a heap from the JVM's arguments and its usage figures.
     *
     * @param jvmArguments the JVM's input arguments
     * @param heap the heap's usage figures
     * @return for example "1024 MiB, committed and touched at start"
     */
    static String describe(final List<String> jvmArguments, final MemoryUsage heap) {
        final long mib = 1L << 20;
        if (preCommitted(jvmArguments, heap)) {
            return heap.getMax() / mib + " MiB, committed and touched at start";
        }
        return "grown on demand (" + heap.getInit() / mib + " MiB at start, up to "
                + (heap.getMax() < 0 ? "no set limit" : heap.getMax() / mib + " MiB") + ")";
    }

    /**
     * Returns a note for the report when the heap was not committed up front, saying what that costs and how to fix
     * it.
     *
     * @param jvmArguments the JVM's input arguments
     * @param heap the heap's usage figures
     * @return the note, or empty when the heap was committed and touched at start
     */
    static Optional<String> note(final List<String> jvmArguments, final MemoryUsage heap) {
        if (preCommitted(jvmArguments, heap)) {
            return Optional.empty();
        }
        return Optional.of("the heap was " + describe(jvmArguments, heap) + ": growing it commits memory from "
                + "allocating threads, reactors included, which stalls pacing for milliseconds; run through "
                + "./weft, or with -Xms equal to -Xmx and -XX:+AlwaysPreTouch");
    }

    private static boolean preCommitted(final List<String> jvmArguments, final MemoryUsage heap) {
        return jvmArguments.contains("-XX:+AlwaysPreTouch") && heap.getMax() > 0 && heap.getInit() == heap.getMax();
    }
}
