/**
 * The {@code weft} command line (picocli): {@code weft topology} today; {@code run}, {@code demo}, {@code top},
 * {@code rpc} and {@code bench} arrive with the modules they drive. The CLI knows every module; no module knows it.
 */
package dev.weft.cli;
