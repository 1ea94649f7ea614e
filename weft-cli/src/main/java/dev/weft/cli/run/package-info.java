/**
 * What {@code weft run} starts (SPDK's application framework, with a micro-scheduler and a process scheduler beside
 * it): the JSON configuration and its field-path errors ({@link dev.weft.cli.run.RunConfig}), the host that starts a
 * reactor group, strands, a micro-scheduler pool and a process scheduler, serves them on the control plane and stops
 * them in order ({@link dev.weft.cli.run.WeftRuntimeHost}), and the tasklets it provides itself.
 */
package dev.weft.cli.run;
