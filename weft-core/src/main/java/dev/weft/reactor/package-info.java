/**
 * The cooperative execution core: {@link dev.weft.reactor.Reactor}s (one OS thread each) loop over
 * {@link dev.weft.reactor.Strand}s, which own {@link dev.weft.reactor.Tasklet}s, a mailbox and event-driven tasks on
 * NIO channels and {@link dev.weft.reactor.Signal}s; a {@link dev.weft.reactor.ReactorGroup} starts, places and stops
 * them, and {@link dev.weft.reactor.ReactorExecutorService} offers them as an {@code ExecutorService}. Inside, a
 * package-private recycler reclaims what reactors may still see.
 *
 * <p>Implements seed 000 (MTL tasklets, adaptive sleep, builder/transmitter split), seed 001 (OpenPerf event-driven
 * tasks, pollable and spinning loops, start handshake, QSBR) and the reactor half of seed 002 (SPDK reactors,
 * lightweight threads, timed and paused pollers, interrupt mode). Balancing over these reactors lives in
 * {@code dev.weft.balance}; it uses the hooks kept here: each strand's weight, CPU mask and NUMA node,
 * {@link dev.weft.reactor.ReactorGroup#move} (performed by the owning reactor at a loop boundary), the
 * {@link dev.weft.reactor.Placement} a group may use instead of round-robin (quota placement) and tells of every
 * placement, move and close,
 * {@link dev.weft.reactor.Reactor#mode(dev.weft.reactor.ReactorMode)} from any thread, and the immutable
 * {@link dev.weft.reactor.ReactorGroup#snapshot()} of busy and idle time per reactor and strand.
 */
package dev.weft.reactor;
