/**
 * MTL's builder/transmitter split as a working example of tasklets cooperating on one strand: a
 * {@link dev.weft.reactor.pipeline.BuilderTasklet} fills a JCTools SPSC ring ahead of time (its deadlines free-running
 * from its start, or on a grid shared with the other streams of one epoch, as MTL paces its sessions) and a
 * {@link dev.weft.reactor.pipeline.TransmitterTasklet} paces items out against their deadlines, keeping its reactor
 * awake only while the next deadline is less than its lead away (MTL's 200 µs at most, shrunk to the measured
 * lateness of its wake-ups, and to its least where the kernel breaks its spins). {@link
 * dev.weft.reactor.pipeline.PacedPipeline} wires the two onto a strand.
 */
package dev.weft.reactor.pipeline;
