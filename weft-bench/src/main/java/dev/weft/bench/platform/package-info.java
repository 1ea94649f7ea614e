/**
 * Benchmarks of the platform layer's calls that reactors make on their hot path, against the plain-Java way.
 */
package dev.weft.bench.platform;
