package dev.weft.cli;

import dev.weft.platform.Core;
import dev.weft.platform.CpuSet;
import dev.weft.platform.NumaNode;
import dev.weft.platform.Processor;
import dev.weft.platform.Socket;
import dev.weft.platform.Topology;
import dev.weft.platform.TopologySource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code weft topology [--json] [--sysfs DIR]}: prints the machine model weft places threads by.
 */
@Command(
        name = "topology",
        mixinStandardHelpOptions = true,
        description = "Print the machine's processors, cores, sockets, NUMA nodes, efficiency classes, "
                + "and the allowed and isolated CPUs.")
public final class TopologyCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object instead of tables.")
    private boolean json;

    @Option(
            names = "--sysfs",
            paramLabel = "DIR",
            description = "Read a tree laid out like /sys instead of this machine (cgroups from DIR/fs/cgroup; "
                    + "DIR/../proc/self/cgroup and DIR/../affinity if present).")
    private Path sysfs;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli calls this. */
    public TopologyCommand() {}

    /**
     * Reads the topology and prints it.
     *
     * @return the exit status: 0, or 1 when the tree cannot be read
     */
    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        if (sysfs != null && !Files.isDirectory(sysfs)) {
            spec.commandLine().getErr().println("weft topology: --sysfs " + sysfs + " is not a directory");
            return 1;
        }
        final Topology topology;
        try {
            topology = Topology.read(sysfs == null ? TopologySource.live() : TopologySource.ofSysfs(sysfs));
        } catch (final IllegalArgumentException | java.io.UncheckedIOException e) {
            spec.commandLine().getErr().println("weft topology: " + e.getMessage());
            return 1;
        }
        if (json) {
            out.println(JsonMapper.builder()
                    .build()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(toJson(topology)));
        } else {
            printTables(topology, out);
        }
        out.flush();
        return 0;
    }

    static ObjectNode toJson(final Topology topology) {
        final JsonMapper mapper = JsonMapper.builder().build();
        final ObjectNode root = mapper.createObjectNode();
        root.put("online_cpus", topology.online().toList());
        root.put("allowed_cpus", topology.allowed().toList());
        root.put("allowed_mask", topology.allowed().toMask());
        root.put("isolated_cpus", topology.isolated().toList());
        root.put("processor_groups", topology.processorGroupCount());
        root.put("efficiency_classes", topology.efficiencyClassCount());
        final ArrayNode sockets = root.putArray("sockets");
        for (final Socket socket : topology.sockets()) {
            sockets.addObject()
                    .put("id", socket.id())
                    .put("processors", socket.processors().toList());
        }
        final ArrayNode nodes = root.putArray("numa_nodes");
        for (final NumaNode node : topology.numaNodes()) {
            nodes.addObject()
                    .put("id", node.id())
                    .put("processors", node.processors().toList());
        }
        final ArrayNode cores = root.putArray("cores");
        for (final Core core : topology.cores()) {
            cores.addObject()
                    .put("id", core.index())
                    .put("socket", core.socket())
                    .put("core_id", core.coreId())
                    .put("processors", core.processors().toList())
                    .put("efficiency_class", core.efficiencyClass());
        }
        final ArrayNode processors = root.putArray("processors");
        for (final Processor p : topology.processors()) {
            processors
                    .addObject()
                    .put("id", p.id())
                    .put("core", p.core())
                    .put("socket", p.socket())
                    .put("numa_node", p.numaNode())
                    .put("efficiency_class", p.efficiencyClass())
                    .put("allowed", p.allowed())
                    .put("isolated", p.isolated());
        }
        final ArrayNode notes = root.putArray("notes");
        topology.notes().forEach(notes::add);
        return root;
    }

    private static void printTables(final Topology t, final PrintWriter out) {
        out.printf(
                "%d processors online, %d cores, %s, %s, %s, %s%n",
                t.processors().size(),
                t.cores().size(),
                plural(t.sockets().size(), "socket"),
                plural(t.numaNodes().size(), "NUMA node"),
                plural(t.efficiencyClassCount(), "efficiency class"),
                plural(t.processorGroupCount(), "processor group"));
        out.printf(
                "allowed CPUs:  %s (mask %s)%n",
                orNone(t.allowed()), t.allowed().toMask());
        out.printf("isolated CPUs: %s%n", orNone(t.isolated()));
        final TextTable sockets = new TextTable("socket", "processors");
        t.sockets().forEach(s -> sockets.row(s.id(), s.processors().toList()));
        sockets.print("Sockets", out);
        final TextTable nodes = new TextTable("node", "processors");
        t.numaNodes().forEach(n -> nodes.row(n.id(), orNone(n.processors())));
        nodes.print("NUMA nodes", out);
        final TextTable cores = new TextTable("core", "socket", "core_id", "processors", "efficiency_class");
        t.cores()
                .forEach(c -> cores.row(
                        c.index(), c.socket(), c.coreId(), c.processors().toList(), c.efficiencyClass()));
        cores.print("Cores", out);
        final TextTable processors =
                new TextTable("cpu", "core", "socket", "numa_node", "efficiency_class", "allowed", "isolated");
        t.processors()
                .forEach(p -> processors.row(
                        p.id(),
                        p.core(),
                        p.socket(),
                        p.numaNode(),
                        p.efficiencyClass(),
                        yesNo(p.allowed()),
                        yesNo(p.isolated())));
        processors.print("Processors", out);
        final List<String> notes = t.notes();
        if (!notes.isEmpty()) {
            out.println();
            out.println("Notes");
            notes.forEach(note -> out.println("  " + note));
        }
    }

    private static String plural(final int count, final String noun) {
        return count + " " + (count == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }

    private static String orNone(final CpuSet cpus) {
        return cpus.isEmpty() ? "none" : cpus.toList();
    }

    private static String yesNo(final boolean value) {
        return value ? "yes" : "no";
    }
}
