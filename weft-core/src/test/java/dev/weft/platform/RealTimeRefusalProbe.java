package dev.weft.platform;

/**
 * Run in a JVM without {@code CAP_SYS_NICE} by {@link RealTimeRefusalTest}: asks for a real-time class three ways
 * and prints what each said, one line each.
 */
public final class RealTimeRefusalProbe {

    private RealTimeRefusalProbe() {}

    /**
     * Prints the outcome of a direct call, a thread start by spec, and the calling thread's class afterwards.
     *
     * @param args ignored
     */
    public static void main(final String[] args) {
        try {
            NativeThread.setSchedulingPolicy(SchedulingPolicy.fifo(5));
            System.out.println("direct=applied");
        } catch (final NativeCallException e) {
            System.out.println("direct=" + e.errno() + " " + e.getMessage());
        }
        try {
            ThreadConfig.builder("probe-rt")
                    .scheduling(SchedulingPolicy.roundRobin(7))
                    .build()
                    .start(() -> System.out.println("body=ran"));
            System.out.println("spec=started");
        } catch (final ThreadPlacementException e) {
            System.out.println("spec=" + e.getMessage());
        }
        System.out.println("after=" + NativeThread.currentSchedulingPolicy().kind());
    }
}
