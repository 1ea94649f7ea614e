package dev.weft.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weft} command: the entry point of the CLI jar, a picocli command whose subcommands do the work.
 */
@Command(
        name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "weft: a Java scheduling runtime of reactors, strands and tasklets.",
        subcommands = {
            DemoCommand.class,
            TopologyCommand.class,
            RunCommand.class,
            RpcCommand.class,
            TopCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WeftCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public WeftCommand() {}

    /**
     * Runs the {@code weft} command line and exits with its status.
     *
     * @param args the command-line arguments
     */
    public static void main(final String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns a command line for {@code weft}, ready to execute; tests redirect its output.
     *
     * @return the command line
     */
    public static CommandLine commandLine() {
        return new CommandLine(new WeftCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** With no subcommand, prints the usage and fails: there is nothing to do. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: say what weft should do");
    }
}
