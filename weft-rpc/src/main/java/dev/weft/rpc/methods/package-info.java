/**
 * The methods the control plane serves (SPDK's {@code lib/event/app_rpc.c} and
 * {@code lib/thread/thread.c} RPCs): {@link dev.weft.rpc.methods.SpdkMethods} with SPDK's names and exact key sets
 * over a reactor group, and {@link dev.weft.rpc.methods.WeftMethods} with weft's own {@code weft_} methods for what
 * SPDK lacks (topology, reactor modes and watchdog reports, tasklet failures, micro-scheduler and process-scheduler
 * statistics, moving a strand by hand).
 */
package dev.weft.rpc.methods;
