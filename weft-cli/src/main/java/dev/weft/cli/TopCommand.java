package dev.weft.cli;

import dev.weft.cli.top.TopModel;
import dev.weft.cli.top.TopSample;
import dev.weft.cli.top.TopScreen;
import dev.weft.cli.top.TopTab;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.RpcError;
import dev.weft.rpc.RpcServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code weft top [-s PATH] [--once [--json]]}: a live view of a running weft (or SPDK) in the manner of
 * {@code spdk_top}, built only from SPDK's methods. With {@code --once} it takes two samples one interval apart and
 * prints the three tabs once, as tables or (with {@code --json}) as one JSON object for scripts:
 * {@code {"tick_rate", "interval_ms", "scheduler": {...}, "threads": [...], "pollers": [...], "cores": [...]}}, each
 * row an object keyed by the tab's column keys, each key always of one type (a number or null, a string, never a
 * placeholder such as "n/a"); {@code scheduler} is the {@code framework_get_scheduler} result, left out when the
 * server has no such method.
 *
 * <p>Exit status: 0, 1 when the server answers with an error, 2 when it cannot be reached or does not answer within
 * the timeout (10 s unless {@code --timeout} says otherwise).
 */
@Command(
        name = "top",
        mixinStandardHelpOptions = true,
        description = "Show reactors, strands and tasklets of a running weft (or SPDK) live, like spdk_top.")
public final class TopCommand implements Callable<Integer> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Option(
            names = {"-s", "--socket"},
            paramLabel = "PATH",
            description = "The server's UNIX socket (default ${DEFAULT-VALUE}).")
    private Path socket = RpcServerConfig.DEFAULT_SOCKET;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "MS",
            description = "Refresh interval in ms (default 1000).")
    private long intervalMillis = 1000;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            description = "How long to wait to connect and for each answer, in seconds (default ${DEFAULT-VALUE}).")
    private double timeoutSeconds = JsonRpcClient.DEFAULT_TIMEOUT.toSeconds();

    @Option(names = "--once", description = "Print the tabs once (usage over one interval) and exit.")
    private boolean once;

    @Option(names = "--json", description = "With --once: print one JSON object instead of tables.")
    private boolean json;

    @Option(
            names = "--sort",
            paramLabel = "KEY",
            description = "With --once: sort every tab by this column key where it has it (default: threads by "
                    + "cpu_pct, pollers by run_count, cores by busy_pct).")
    private String sort;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public TopCommand() {}

    /**
     * Shows the view.
     *
     * @return 0, 1 for an error answer, 2 when the server cannot be reached or the options are wrong
     * @throws Exception if the terminal fails
     */
    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (intervalMillis < 10) {
            err.println("weft top: --interval must be at least 10 ms, not " + intervalMillis);
            return 2;
        }
        if (json && !once) {
            err.println("weft top: --json needs --once");
            return 2;
        }
        if (!(timeoutSeconds > 0)) {
            err.println("weft top: --timeout must be positive, not " + timeoutSeconds);
            return 2;
        }
        try (JsonRpcClient client = JsonRpcClient.connect(
                UnixDomainSocketAddress.of(socket), false, Duration.ofNanos((long) (timeoutSeconds * 1e9)))) {
            client.call("framework_wait_init", null);
            if (once) {
                final TopSample first = TopSample.take(client);
                Thread.sleep(intervalMillis);
                final TopSample second = TopSample.take(client);
                if (json) {
                    out.println(MAPPER.writeValueAsString(toJson(first, second)));
                } else {
                    printTables(first, second, out);
                }
                out.flush();
            } else {
                new TopScreen(client, Duration.ofMillis(intervalMillis)).run();
            }
            return 0;
        } catch (final RpcError e) {
            err.println("weft top: the server answered error " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (final UncheckedIOException e) {
            err.println("weft top: cannot reach " + socket + ": " + e.getMessage());
            return 2;
        } catch (final IOException e) {
            err.println("weft top: terminal failed: " + e.getMessage());
            return 2;
        }
    }

    private ObjectNode toJson(final TopSample first, final TopSample second) {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("tick_rate", second.tickRate());
        root.put("interval_ms", intervalMillis);
        if (second.scheduler().isObject()) {
            root.set("scheduler", second.scheduler());
        }
        for (final TopTab tab : TopTab.values()) {
            final ArrayNode rows = root.putArray(tab.name().toLowerCase(Locale.ROOT));
            for (final List<Object> row : rowsOf(tab, first, second)) {
                final ObjectNode object = rows.addObject();
                for (int i = 0; i < row.size(); i++) {
                    final String key = tab.columns().get(i).key();
                    if (row.get(i) == null) {
                        object.putNull(key);
                    } else {
                        object.set(key, MAPPER.valueToTree(row.get(i)));
                    }
                }
            }
        }
        return root;
    }

    private void printTables(final TopSample first, final TopSample second, final PrintWriter out) {
        final String balancer = TopModel.schedulerLine(second.scheduler());
        if (!balancer.isEmpty()) {
            out.println(balancer);
            out.println();
        }
        for (final TopTab tab : TopTab.values()) {
            final TextTable table = new TextTable(
                    tab.columns().stream().map(TopTab.Column::header).toArray(String[]::new));
            for (final List<Object> row : rowsOf(tab, first, second)) {
                table.row(row.stream().map(TopScreen::format).toArray());
            }
            table.print(tab.name().charAt(0) + tab.name().substring(1).toLowerCase(Locale.ROOT), out);
        }
    }

    private List<List<Object>> rowsOf(final TopTab tab, final TopSample first, final TopSample second) {
        final List<List<Object>> rows = TopModel.rows(tab, first, second);
        final int column = sort == null ? tab.defaultSortColumn() : tab.columnIndex(sort);
        return column < 0 ? rows : TopModel.sorted(rows, column);
    }
}
