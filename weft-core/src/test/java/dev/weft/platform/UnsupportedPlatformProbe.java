package dev.weft.platform;

/**
 * Run in a JVM started with {@code -Dweft.native=off}: prints what weft's platform layer does where the native
 * calls do not exist, one fact per line, for {@link UnsupportedPlatformTest}.
 */
public final class UnsupportedPlatformProbe {

    private UnsupportedPlatformProbe() {}

    /**
     * Prints the facts.
     *
     * @param args ignored
     * @throws Exception if the probe thread is interrupted
     */
    public static void main(final String[] args) throws Exception {
        System.out.println("supported=" + NativeThread.isSupported());
        System.out.println("reason=" + NativeThread.unsupportedReason().orElse(""));
        try {
            NativeThread.pinCurrentThread(CpuSet.of(0));
            System.out.println("pin=applied");
        } catch (final NativeUnsupportedException e) {
            System.out.println("pin=" + e.getMessage());
        }
        try {
            NativeThread.setSchedulingPolicy(SchedulingPolicy.fifo(1));
            System.out.println("scheduling=applied");
        } catch (final NativeUnsupportedException e) {
            System.out.println("scheduling=" + e.getMessage());
        }
        final ThreadConfig.Started started = ThreadConfig.builder("probe")
                .affinity(CpuSet.of(0))
                .nice(1)
                .scheduling(SchedulingPolicy.fifo(1))
                .timerSlackNanos(1)
                .build()
                .start(() -> System.out.println("body=ran"));
        started.thread().join();
        System.out.println(
                "pinnedTo=" + started.placement().pinnedTo().map(CpuSet::toList).orElse("none"));
        System.out.println("notApplied=" + started.placement().notApplied().size());
        final Topology topology = Topology.read();
        System.out.println("allowed=" + topology.allowed().toList());
        System.out.println("affinityNote=" + topology.notes().stream().anyMatch(n -> n.contains("affinity unknown")));
    }
}
