/**
 * {@code weft demo}: the live workload that shows weft against the plain-JDK way in one run.
 *
 * <p>Media sessions (MTL: a builder, a JCTools ring and a transmitter per session on reactor tasklets, placed
 * by quota, with event-driven receivers on reactors of their own), a UDP echo service (OpenPerf: an event-driven
 * task on a reactor), UTS T1 in a loop on a micro-scheduler (GTS), a stream of JSON process tasks (Pantavisor)
 * and a balancing phase (SPDK: a load surge comes and goes while SPDK's {@code dynamic} balancer moves strands
 * and parks a reactor) run together, with weft's control socket served for {@code weft top}; the same media and
 * echo workloads also run the way a Java developer writes them without weft (a
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor} pacing the senders, a thread per receiving socket, a
 * blocking echo server on a platform thread and on a virtual thread). Both ways time their packets after a warm-up,
 * and weft's media path (media and sink reactors) then runs in a real-time scheduling class where the privilege
 * allows ({@link dev.weft.cli.demo.ReactorPriority}). {@link dev.weft.cli.demo.Demo} runs it all and
 * returns a {@link dev.weft.cli.demo.DemoReport} that puts the two side by side; {@link dev.weft.cli.demo.DemoPlots}
 * draws its charts.
 */
package dev.weft.cli.demo;
