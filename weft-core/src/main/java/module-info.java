/**
 * weft's runtime: the platform layer (topology, CPU sets, thread placement and scheduling classes), reactors with
 * their strands, tasklets and events, the balancers, and the work-stealing micro-scheduler. See
 * {@code docs/ARCHITECTURE.md} in weft's repository for the map of these parts.
 *
 * <p>Native calls (affinity, scheduling classes, {@code sched_getcpu}) go through the Foreign Function and Memory API:
 * run with {@code --enable-native-access=dev.weft.core} on the module path ({@code ALL-UNNAMED} on the class path).
 * Strands carry virtual threads ({@code Strand.virtualThreads()}) only when {@code java.lang} is opened to weft:
 * {@code --add-opens java.base/java.lang=dev.weft.core} on the module path ({@code ALL-UNNAMED} on the class path).
 */
module dev.weft.core {
    requires java.management;
    requires transitive jdk.jfr;
    requires transitive org.jctools.core.jdk11;

    exports dev.weft.balance;
    exports dev.weft.concurrent;
    exports dev.weft.events;
    exports dev.weft.fork;
    exports dev.weft.fork.config;
    exports dev.weft.platform;
    exports dev.weft.reactor;
    exports dev.weft.reactor.pipeline;
}
