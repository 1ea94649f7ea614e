package dev.weft.cli.demo;

/**
 * One strand move the demo saw complete: which strand, from which media reactor to which, and when.
 *
 * @param atSeconds when the strand arrived, seconds since the media sessions started
 * @param strand the strand's name
 * @param from the index of the reactor it left
 * @param to the index of the reactor it arrived on
 */
public record StrandMove(double atSeconds, String strand, int from, int to) {}
