/**
 * MTL's builder/transmitter split (seed 000) as a working example of tasklets cooperating on one strand: a
 * {@link dev.weft.reactor.pipeline.BuilderTasklet} fills a JCTools SPSC ring ahead of time and a
 * {@link dev.weft.reactor.pipeline.TransmitterTasklet} paces items out against their deadlines, keeping its reactor
 * awake only while the next deadline is under 200 µs away. {@link dev.weft.reactor.pipeline.PacedPipeline} wires
 * the two onto a strand.
 */
package dev.weft.reactor.pipeline;
