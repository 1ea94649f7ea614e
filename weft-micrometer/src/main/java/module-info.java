/**
 * Micrometer {@code MeterBinder}s for weft: reactor groups (and, optionally, their strands and tasklets), worker
 * pools and process schedulers. weft's core knows nothing of Micrometer; this module reads its published statistics.
 * Meter names and tags are listed in {@code docs/METRICS.md} in weft's repository. Micrometer is an automatic module
 * ({@code micrometer.core}), required transitively because the binders are Micrometer types.
 */
module dev.weft.micrometer {
    requires transitive dev.weft.core;
    requires transitive dev.weft.process;
    requires transitive micrometer.core;

    exports dev.weft.micrometer;
}
