/**
 * The cooperative execution core: {@link dev.weft.reactor.Reactor}s (one OS thread each) loop over
 * {@link dev.weft.reactor.Strand}s, which own {@link dev.weft.reactor.Tasklet}s, a mailbox and event-driven tasks on
 * NIO channels and {@link dev.weft.reactor.Signal}s; a {@link dev.weft.reactor.ReactorGroup} starts, places and stops
 * them, and {@link dev.weft.reactor.ReactorExecutorService} offers them as an {@code ExecutorService}. Inside, a
 * package-private recycler reclaims what reactors may still see.
 *
 * <p>Reproduces Intel MTL's tasklets, adaptive sleep and builder/transmitter split; OpenPerf's event-driven tasks,
 * pollable and spinning loops, start handshake and QSBR; and the reactor half of SPDK's event framework (reactors,
 * lightweight threads, timed and paused pollers, interrupt mode). {@code Reactor.java} holds the pass loop; each
 * other job of a reactor has its own package-private class, named in the reactor's implementation overview. Balancing
 * over these reactors lives in {@code dev.weft.balance}; it uses the hooks kept here: each strand's weight, CPU mask
 * and NUMA node, {@link dev.weft.reactor.ReactorGroup#move} (performed by the owning reactor at a loop boundary), the
 * {@link dev.weft.reactor.Placement} a group may use instead of round-robin (quota placement) and tells of every
 * placement, move and close,
 * {@link dev.weft.reactor.Reactor#mode(dev.weft.reactor.ReactorMode)} from any thread, and the immutable
 * {@link dev.weft.reactor.ReactorGroup#snapshot()} of busy and idle time per reactor and strand.
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.reactor;
