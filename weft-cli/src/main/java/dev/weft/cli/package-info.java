/**
 * The {@code weft} command line (picocli): {@code run} (a runtime serving SPDK's JSON-RPC control socket),
 * {@code rpc} and {@code top} (its clients), {@code demo}, {@code bench} and {@code topology}. The CLI knows every
 * module; no module knows it.
 */
package dev.weft.cli;
