/**
 * weft's process scheduler: tasks run in worker processes (JVM functions or commands) with priorities, timeouts
 * enforced by SIGKILL and exactly one reported outcome per task, after Pantavisor's design.
 */
module dev.weft.process {
    requires transitive dev.weft.core;
    requires transitive tools.jackson.databind;
    requires jdk.jfr;
    requires org.jctools.core.jdk11;

    exports dev.weft.process;
    exports dev.weft.process.events;
}
