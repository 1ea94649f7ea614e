package dev.weft.cli;

import dev.weft.cli.run.ConfigException;
import dev.weft.cli.run.RunConfig;
import dev.weft.cli.run.WeftRuntimeHost;
import dev.weft.platform.WeftVersion;
import dev.weft.rpc.RpcServerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft run [--config FILE] [--socket PATH] [--wait-for-rpc]}: starts a runtime from a JSON configuration (or
 * the default one),
 * serves it on a JSON-RPC socket, prints a status line every few seconds, and on SIGINT or SIGTERM stops it in order,
 * leaving no socket file and no child process behind.
 *
 * <p>The stop runs in a shutdown hook, which the JVM runs on both signals; the command's own thread waits for the
 * hook to finish so the runtime is never abandoned half-stopped. Exit status: 2 for a bad configuration (the message
 * names the offending field) or a runtime that cannot start; 3 when the RPC server can no longer serve (its accept
 * loop failed for 30 s without a break), after stopping in order; on a signal the JVM's own status (130 or 143).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Start a weft runtime from a JSON config and serve it on a JSON-RPC socket.")
public final class RunCommand implements Callable<Integer> {

    /** The exit status when the RPC server gives up. */
    static final int EXIT_UNABLE_TO_SERVE = 3;

    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "The runtime's JSON configuration (default: one reactor per CPU and a heartbeat strand).")
    private Path config;

    @Option(
            names = {"-s", "--socket"},
            paramLabel = "PATH",
            description = "The RPC server's UNIX socket (default ${DEFAULT-VALUE}).")
    private Path socket = RpcServerConfig.DEFAULT_SOCKET;

    @Option(
            names = "--wait-for-rpc",
            description = "Stop in the start-up state, as SPDK's --wait-for-rpc does: scheduler_set_options may "
                    + "then be called, and framework_start_init starts the balancing round.")
    private boolean waitForRpc;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public RunCommand() {}

    /**
     * Starts the runtime and serves it until a signal arrives.
     *
     * @return 2 when the configuration is refused or the runtime cannot start; otherwise it does not return
     *     before the JVM exits
     * @throws InterruptedException if interrupted while waiting for the stop
     */
    @Override
    public Integer call() throws InterruptedException {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RunConfig runConfig;
        try {
            runConfig = config == null ? RunConfig.defaults() : RunConfig.read(config);
        } catch (final ConfigException e) {
            err.println("weft run: " + e.getMessage());
            return 2;
        }
        final WeftRuntimeHost host;
        try {
            host = WeftRuntimeHost.start(runConfig, socket, WeftVersion.current(), out, waitForRpc, failure -> {
                err.println("weft run: the RPC server can no longer serve (" + failure + "); stopping");
                err.flush();
                Thread.ofPlatform().name("weft-exit").start(() -> System.exit(EXIT_UNABLE_TO_SERVE));
            });
        } catch (final ConfigException e) {
            err.println("weft run: " + e.getMessage());
            return 2;
        } catch (final Exception e) {
            err.println("weft run: cannot start: " + e.getMessage());
            return 2;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            host.close();
                            out.println("weft: stopped");
                            out.flush();
                            stopped.countDown();
                        },
                        "weft-stop"));
        out.println("weft: serving on " + host.socketPath()
                + (waitForRpc ? " (start-up state: waiting for framework_start_init)" : ""));
        out.flush();
        stopped.await();
        return 0;
    }
}
