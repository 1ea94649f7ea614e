package dev.weft.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.balance.BalancingConfig;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.balance.QuotaPlacement;
import dev.weft.balance.QuotaPlacer;
import dev.weft.fork.Forked;
import dev.weft.fork.MicroScheduler;
import dev.weft.fork.TaskContext;
import dev.weft.fork.WorkerPool;
import dev.weft.process.Outcome;
import dev.weft.process.ProcessScheduler;
import dev.weft.process.ProcessSchedulerTasklet;
import dev.weft.process.ProcessTask;
import dev.weft.process.TaskHandle;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import dev.weft.rpc.methods.ProcStat;
import dev.weft.rpc.methods.SpdkMethods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The README's engine examples, run. Each example is the code between a {@code // README <name>} line and the
 * next {@code // END README} line below, and {@link #theReadmeShowsEveryExampleAsItIsHere} checks that the README
 * holds each one verbatim (indentation aside), so the README's code cannot drift from code that compiles and runs.
 * The README's complete program is {@code examples/hello-weft}'s source, shown whole, compiled and run here; its
 * Maven coordinates are the region of that project's pom between {@code <!-- README dependencies -->} and
 * {@code <!-- END README -->}.
 */
@Timeout(180)
class ReadmeExamplesTest {

    private static final Path SOURCE = Path.of("src/test/java/dev/weft/cli/ReadmeExamplesTest.java");
    private static final Path README = Path.of("../README.md");
    private static final Path HELLO_SOURCE = Path.of("../examples/hello-weft/src/main/java/hello/HelloWeft.java");
    private static final Path HELLO_POM = Path.of("../examples/hello-weft/pom.xml");
    private static final List<String> EXAMPLES = List.of("reactor", "balancing", "fork", "process", "control");

    @Test
    void reactorStrandTaskletAndAnEventDrivenTask() throws IOException {
        // README reactor
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("example")
                        .reactors(2)
                        .build()
                        .start();
                DatagramChannel server = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                DatagramChannel client = DatagramChannel.open().connect(server.getLocalAddress())) {
            Strand strand = Strand.of("echo"); // the unit that is placed and moved
            ByteBuffer buffer = ByteBuffer.allocateDirect(1_500);
            strand.register(
                    server,
                    registration -> { // event-driven: runs when a datagram is readable
                        buffer.clear();
                        SocketAddress from = server.receive(buffer);
                        if (from != null) {
                            server.send(buffer.flip(), from);
                        }
                        return 0; // 0 keeps the registration
                    });
            group.add(strand).join(); // round-robin onto a reactor thread
            AtomicLong ticks = new AtomicLong(); // a tasklet: non-blocking, returns work done
            strand.add(Tasklet.timed("tick", Duration.ofMillis(10), () -> (int) ticks.incrementAndGet()))
                    .join();
            client.write(ByteBuffer.wrap("ping".getBytes(UTF_8)));
            ByteBuffer reply = ByteBuffer.allocate(16);
            client.read(reply); // "ping", echoed by the reactor
            strand.close().join();
            // END README
            assertThat(new String(reply.array(), 0, reply.position(), UTF_8)).isEqualTo("ping");
        }
    }

    @Test
    void quotaPlacementAndTheDynamicBalancer() {
        // README balancing
        try (ReactorGroup group = ReactorGroup.builder()
                        .name("media")
                        .reactors(2)
                        .placement(QuotaPlacement.of(QuotaPlacer.Choice.FIRST_FIT, 4.0))
                        .build()
                        .start();
                BalancingRound round = BalancingRound.start(
                        group,
                        BalancingConfig.builder()
                                .balancer(new DynamicBalancer())
                                .periodMicros(100_000)
                                .build())) {
            List<Strand> sessions = new ArrayList<>();
            for (int i = 0; i < 6; i++) { // six sessions of weight 1, four fit a reactor
                Strand session = Strand.builder("session-" + i).weight(1.0).build();
                group.add(session).join(); // first fit: 0,0,0,0 then 1,1 (which wakes)
                session.add(Tasklet.timed("frame", Duration.ofMillis(5), () -> 1))
                        .join();
                sessions.add(session);
            }
            // every 100 ms the dynamic balancer measures the sessions: all idle, so it gathers them on
            // reactor 0 and parks reactor 1 in interrupt mode
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> group.reactor(1).strands().isEmpty());
            sessions.forEach(session -> session.close().join());
            // END README
            assertThat(group.reactor(0).strands()).hasSizeGreaterThanOrEqualTo(1);
            assertThat(round.info().balancerName()).isEqualTo("dynamic");
        }
    }

    @Test
    void microSchedulerForkJoin() {
        // README fork
        try (WorkerPool pool = WorkerPool.start(2); // this thread is worker 0, the master
                MicroScheduler scheduler = MicroScheduler.start(pool)) {
            long fib = scheduler.invoke(context -> fib(context, 27));
            long[] squares = new long[10_000];
            scheduler.parallelFor(0, squares.length, 512, i -> squares[i] = (long) i * i);
            // END README
            assertThat(fib).isEqualTo(196_418L);
            assertThat(squares[9_999]).isEqualTo(99_980_001L);
        }
    }

    // README fork
    static long fib(TaskContext context, int n) {
        if (n < 16) {
            return n < 2 ? n : fib(context, n - 1) + fib(context, n - 2); // small: no task
        }
        Forked<Long> left = context.fork(c -> fib(c, n - 1)); // may be stolen by another worker
        long right = fib(context, n - 2);
        return left.join(context) + right; // helps with other tasks while waiting
    }
    // END README

    @Test
    void processSchedulerOnAReactor() {
        // README process
        try (ReactorGroup group =
                ReactorGroup.builder().name("control").reactors(1).build().start()) {
            Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
            ProcessSchedulerTasklet tasklet = ProcessSchedulerTasklet.of(
                    "processes",
                    ProcessScheduler.builder()
                            .workers(1)
                            .commandSlots(2)
                            .fallbackHandler(outcome -> outcomes.put(outcome.id(), outcome)));
            Strand strand = Strand.of("processes");
            group.add(strand).join();
            tasklet.attachTo(strand).join(); // run() is now the strand's poll
            ProcessScheduler scheduler = tasklet.scheduler();
            TaskHandle sum = scheduler.submit(ProcessTask.command("sh", "/bin/sh", "-c", "echo $((6 * 7))")
                    .build());
            long hang = scheduler
                    .submit(ProcessTask.command("sh", "sleep", "60")
                            .timeout(Duration.ofMillis(300))
                            .build())
                    .id();
            Outcome answer = sum.outcome().join(); // the same outcome the handler gets: Ok, 42
            await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() == 2); // one outcome per task
            // outcomes.get(hang) is Outcome.TimedOut, killed
            strand.close().join();
            scheduler.stop(); // SIGTERM, then SIGKILL, every child reaped
            // END README
            assertThat(answer)
                    .isSameAs(outcomes.get(sum.id()))
                    .isInstanceOfSatisfying(
                            Outcome.Ok.class,
                            ok -> assertThat(ok.data().asInt()).isEqualTo(42));
            assertThat(outcomes.get(hang))
                    .isInstanceOfSatisfying(
                            Outcome.TimedOut.class,
                            timedOut -> assertThat(timedOut.killed()).isTrue());
        }
    }

    @Test
    void controlPlane(@TempDir final Path dir) {
        final Path socket = dir.resolve("weft.sock");
        final JsonNode reactors = serveAndAsk(socket);
        assertThat(reactors.path("reactors").size()).isEqualTo(2);
        assertThat(reactors.path("tick_rate").asLong()).isPositive();
        assertThat(socket).doesNotExist();
    }

    // README control
    static JsonNode serveAndAsk(Path socket) { // an owner-only UNIX socket in SPDK's wire format
        try (ReactorGroup group =
                ReactorGroup.builder().name("served").reactors(2).build().start()) {
            RpcRegistry registry = new RpcRegistry(RpcState.STARTUP);
            SpdkMethods spdk = SpdkMethods.register(registry, group, "0.1.0", ProcStat.PROC_STAT);
            try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(socket), registry)) {
                registry.state(RpcState.RUNTIME);
                spdk.initialized(); // framework_wait_init answers from now on
                try (JsonRpcClient client = JsonRpcClient.connect(socket, false)) {
                    // {"tick_rate": 1000000000, "reactors": [{"lcore": 0, "busy": ..., "lw_threads": [...]}, ...]}
                    return client.call("framework_get_reactors", null);
                }
            } // closing the server deletes the socket file
        }
    }
    // END README

    @Test
    void theReadmeShowsTheCompleteProgramAndTheDependenciesOfExamplesHelloWeft() throws IOException {
        final String readme = Files.readString(README, UTF_8);
        final String program = Files.readString(HELLO_SOURCE, UTF_8);
        assertThat(readme)
                .as("README's complete program, as in " + HELLO_SOURCE)
                .contains("```java\n" + program + "```\n");
        assertThat(program.lines().count()).as("lines of the complete program").isLessThanOrEqualTo(25);
        final List<String> dependencies =
                snippets(Files.readAllLines(HELLO_POM, UTF_8), "dependencies", "<!--", " -->");
        assertThat(dependencies).as("the README region of " + HELLO_POM).hasSize(1);
        assertThat(readme).as("README's Maven coordinates, as in " + HELLO_POM).contains(dependencies.getFirst());
    }

    @Test
    void examplesHelloWeftPinsThePluginVersionsOfTheParentPom() throws IOException {
        final Map<String, String> parent = pluginVersions(Files.readString(Path.of("../pom.xml"), UTF_8));
        final Map<String, String> hello = pluginVersions(Files.readString(HELLO_POM, UTF_8));
        assertThat(hello).as("plugins of " + HELLO_POM).isNotEmpty();
        hello.forEach((plugin, version) -> {
            if (parent.containsKey(plugin)) {
                assertThat(version).as(plugin + " in " + HELLO_POM).isEqualTo(parent.get(plugin));
            }
        });
    }

    @Test
    void theCompleteProgramCompilesAndRuns(@TempDir final Path classes) throws Exception {
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, UTF_8)) {
            final boolean compiled = javac.getTask(
                            diagnostics,
                            files,
                            null,
                            List.of(
                                    "-proc:none",
                                    "-d",
                                    classes.toString(),
                                    "-cp",
                                    System.getProperty("java.class.path")),
                            null,
                            files.getJavaFileObjects(HELLO_SOURCE))
                    .call();
            assertThat(compiled)
                    .as("javac " + HELLO_SOURCE + ": " + diagnostics)
                    .isTrue();
        }
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream out = System.out;
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeExamplesTest.class.getClassLoader())) {
            System.setOut(new PrintStream(printed, true, UTF_8));
            loader.loadClass("hello.HelloWeft")
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(UTF_8).lines()).hasSize(3).allMatch(line -> line.startsWith("tick on hello-"));
    }

    @Test
    void theReadmeShowsEveryExampleAsItIsHere() throws IOException {
        final List<String> source = Files.readAllLines(SOURCE, UTF_8);
        final String readme = Files.readString(README, UTF_8);
        for (final String name : EXAMPLES) {
            final List<String> snippets = snippets(source, name);
            assertThat(snippets).as("examples named " + name).isNotEmpty();
            for (final String snippet : snippets) {
                assertThat(readme).as("README example '" + name + "'").contains(snippet);
            }
        }
    }

    /** The regions between {@code // README name} and {@code // END README}, each with its indentation removed. */
    private static List<String> snippets(final List<String> source, final String name) {
        return snippets(source, name, "//", "");
    }

    /**
     * The regions between {@code <open>README name<close>} and {@code <open>END README<close>} lines (a
     * {@code //} comment in Java, {@code <!-- -->} in XML), each with its indentation removed.
     */
    private static List<String> snippets(
            final List<String> source, final String name, final String open, final String close) {
        final List<String> found = new ArrayList<>();
        List<String> region = null;
        for (final String line : source) {
            final String trimmed = line.strip();
            if (trimmed.equals(open + " README " + name + close)) {
                region = new ArrayList<>();
            } else if (trimmed.equals(open + " END README" + close) && region != null) {
                found.add(dedent(region));
                region = null;
            } else if (region != null) {
                region.add(line);
            }
        }
        return found;
    }

    /** Each plugin's artifact id and the version given beside it, for the plugins that name one. */
    private static Map<String, String> pluginVersions(final String pom) {
        final Map<String, String> versions = new HashMap<>();
        final Matcher plugin = Pattern.compile("<plugin>\\s*<groupId>[^<]+</groupId>\\s*"
                        + "<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        while (plugin.find()) {
            versions.put(plugin.group(1), plugin.group(2));
        }
        return versions;
    }

    private static String dedent(final List<String> lines) {
        final int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        final StringBuilder out = new StringBuilder();
        for (final String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }
}
