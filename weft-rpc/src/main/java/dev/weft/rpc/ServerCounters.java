package dev.weft.rpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a server's selector threads count together: open connections (which the connection cap is checked against on
 * accept), values received, and connections refused. Each is written by several selector threads and read by any
 * thread, hence atomics; one uncontended increment per request costs nothing beside the request.
 */
final class ServerCounters {

    final AtomicInteger open = new AtomicInteger();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
}
