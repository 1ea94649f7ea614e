/**
 * weft's JMH benchmarks: one subpackage per area, each benchmark running the anchor a user would pick instead in the
 * same run and verifying its answer before it reports a time.
 */
package dev.weft.bench;
