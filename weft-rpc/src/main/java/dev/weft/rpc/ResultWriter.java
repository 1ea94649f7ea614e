package dev.weft.rpc;

import tools.jackson.core.JsonGenerator;

/**
 * Writes one method's {@code result} straight into the response being generated, as exactly one JSON value, with no
 * tree of nodes built first. The server has placed the generator after the {@code "result"} key of the response
 * object; the writer must write one complete value there and nothing else.
 */
@FunctionalInterface
public interface ResultWriter {

    /**
     * Writes the result.
     *
     * @param out the response's generator, positioned where the result's value goes
     */
    void write(JsonGenerator out);
}
