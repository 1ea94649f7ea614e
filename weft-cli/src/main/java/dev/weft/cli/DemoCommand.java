package dev.weft.cli;

import dev.weft.cli.demo.Demo;
import dev.weft.cli.demo.DemoConfig;
import dev.weft.cli.demo.DemoPlots;
import dev.weft.cli.demo.DemoReport;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.rpc.RpcServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code weft demo [--seconds N] [--sessions N] [--json] [--socket PATH] [--plots DIR]}: runs media sessions, a UDP
 * echo service,
 * UTS in a loop, a stream of process tasks and a balancing phase on weft, the same media and echo workloads the
 * plain-JDK way beside them, and prints the two side by side. weft's control socket is served during the run (its
 * path is printed first) so that {@code weft top} can watch it from another terminal; {@code --plots} writes the
 * charts of
 * {@link DemoPlots} after the report. A progress line goes to standard error once a second (overwritten in place on a
 * terminal), the report to standard output, so {@code --json} output stays one clean JSON object.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Run media sessions, UDP echo, UTS fork-join and process tasks on weft, with the same media "
                + "and echo workloads the plain-JDK way in the same run, and print the two side by side.")
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--seconds",
            paramLabel = "N",
            defaultValue = "" + DemoConfig.DEFAULT_SECONDS,
            description = "How long the streams send, in seconds (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(
            names = "--sessions",
            paramLabel = "N",
            defaultValue = "" + DemoConfig.DEFAULT_SESSIONS,
            description = "Media sessions on each way (default: ${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    private boolean json;

    @Option(
            names = {"-s", "--socket"},
            paramLabel = "PATH",
            description = "Serve weft's control socket here during the run, for weft top and weft rpc "
                    + "(default ${DEFAULT-VALUE}).")
    private Path socket = RpcServerConfig.DEFAULT_SOCKET;

    @Option(
            names = "--nice",
            paramLabel = "N",
            defaultValue = "0",
            description = "Run weft's media, sink and echo reactors at nice N (-20..19; below 0 needs "
                    + "CAP_SYS_NICE). The plain-JDK threads cannot be given one. Default: ${DEFAULT-VALUE}.")
    private int nice;

    @Option(
            names = "--scheduling",
            paramLabel = "POLICY",
            defaultValue = "fifo/10",
            description = "The scheduling class weft's media and sink reactors take after half the warm-up: "
                    + "fair, fair/SLICE_US, fifo/PRIORITY or rr/PRIORITY (real-time classes need CAP_SYS_NICE; "
                    + "without it the reactors stay fair and the report says why). The plain-JDK threads cannot "
                    + "be given one. Default: ${DEFAULT-VALUE}.")
    private String scheduling;

    @Option(
            names = "--plots",
            paramLabel = "DIR",
            description = "Write PNG charts into DIR: the pacing-error histogram of both ways, and the media "
                    + "reactors' CPU over time with the balancer's moves marked.")
    private Path plots;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public DemoCommand() {}

    /**
     * Runs the demo and prints its report.
     *
     * @return the exit status: 0, 1 when a socket cannot be opened (the message says which), or 2 for bad options
     * @throws InterruptedException if interrupted
     */
    @Override
    public Integer call() throws InterruptedException {
        final PrintWriter err = spec.commandLine().getErr();
        final DemoConfig config;
        try {
            config = DemoConfig.standard(seconds, sessions)
                    .withReactorNice(nice)
                    .withReactorScheduling(SchedulingPolicy.parse(scheduling));
        } catch (final IllegalArgumentException e) {
            err.println("weft demo: " + e.getMessage());
            return 2;
        }
        final boolean terminal = java.util.Optional.ofNullable(System.console())
                .map(java.io.Console::isTerminal)
                .orElse(false);
        final DemoReport report;
        try {
            report = Demo.run(
                    config,
                    socket,
                    line -> {
                        err.println(line);
                        err.flush();
                    },
                    line -> {
                        err.print(terminal ? "\r" + line : line + System.lineSeparator());
                        err.flush();
                    });
        } catch (final IOException e) {
            err.println("weft demo: " + e.getMessage());
            return 1;
        }
        if (terminal) {
            err.println();
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() + System.lineSeparator() : report.text());
        out.flush();
        if (plots != null) {
            try {
                for (final Path file : DemoPlots.write(report, plots)) {
                    err.println("weft demo: wrote " + file);
                }
            } catch (final IOException e) {
                err.println("weft demo: cannot write the charts into " + plots + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
