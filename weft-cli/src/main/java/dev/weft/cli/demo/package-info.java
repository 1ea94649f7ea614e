/**
 * {@code weft demo}: the live workload that shows weft against the plain-JDK way in one run.
 *
 * <p>Media sessions (seed 000: a builder, a JCTools ring and a transmitter per session on reactor tasklets, placed
 * by quota, with event-driven receivers), a UDP echo service (seed 001: an event-driven task on a reactor), UTS T1
 * in a loop on a micro-scheduler (seed 004) and a stream of JSON process tasks (seed 003) run together; the same
 * media and echo workloads also run the way a Java developer writes them without weft (a
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor} pacing the senders, a thread per receiving socket, a
 * blocking echo thread). {@link dev.weft.cli.demo.Demo} runs it all and returns a {@link dev.weft.cli.demo.DemoReport}
 * that puts the two ways side by side.
 */
package dev.weft.cli.demo;
