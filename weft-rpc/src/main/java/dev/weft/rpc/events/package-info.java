/**
 * JDK Flight Recorder events of the control plane (SPDK-style observability, cheap enough to leave on): strand moves
 * and reactor mode switches made through RPC or by a balancer ({@link dev.weft.rpc.events.BalancingEvents}),
 * contained tasklet failures, and process-task timeouts. Record them with {@code -XX:StartFlightRecording} or
 * {@code jcmd PID JFR.start}; they are in the {@code weft} category.
 */
package dev.weft.rpc.events;
