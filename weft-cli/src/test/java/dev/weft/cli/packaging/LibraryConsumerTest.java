package dev.weft.cli.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.platform.WeftVersion;
import dev.weft.process.ProcessScheduler;
import dev.weft.rpc.JsonRpcServer;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program outside weft compiles and runs against weft's library modules, on the module path (as named modules,
 * reading only what they export) and on the class path; and the modules export exactly their API packages.
 */
class LibraryConsumerTest {

    private static final String PROGRAM = """
            package hello;

            import dev.weft.reactor.ReactorGroup;
            import dev.weft.reactor.Strand;
            import dev.weft.reactor.Tasklet;
            import java.time.Duration;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;

            public class Main {
                public static void main(String[] args) throws Exception {
                    try (ReactorGroup group = ReactorGroup.builder().name("hello").reactors(1).build().start()) {
                        Strand strand = Strand.of("hello");
                        group.add(strand).join();
                        CountDownLatch ran = new CountDownLatch(3);
                        strand.add(Tasklet.timed("tick", Duration.ofMillis(1), () -> {
                            ran.countDown();
                            return 1;
                        })).join();
                        if (!ran.await(60, TimeUnit.SECONDS)) {
                            throw new AssertionError("the tasklet did not run three times");
                        }
                        System.out.println("ran in module " + ReactorGroup.class.getModule().getName());
                        try {
                            String[] seen = new String[1];
                            strand.virtualThreads().start(() -> seen[0] = Thread.currentThread().toString()).join();
                            String carrier = seen[0].substring(seen[0].indexOf('@') + 1);
                            System.out.println("virtual thread carried by " + carrier);
                        } catch (UnsupportedOperationException e) {
                            System.out.println(e.getMessage());
                        }
                    }
                }
            }
            """;

    @Test
    void theLibraryModulesExportTheirApiPackagesOnly() throws Exception {
        assertThat(exports(WeftVersion.class, "dev.weft.core"))
                .containsExactly(
                        "dev.weft.balance",
                        "dev.weft.concurrent",
                        "dev.weft.events",
                        "dev.weft.fork",
                        "dev.weft.fork.config",
                        "dev.weft.platform",
                        "dev.weft.reactor",
                        "dev.weft.reactor.pipeline");
        assertThat(exports(ProcessScheduler.class, "dev.weft.process"))
                .containsExactly("dev.weft.process", "dev.weft.process.events");
        assertThat(exports(JsonRpcServer.class, "dev.weft.rpc"))
                .containsExactly("dev.weft.rpc", "dev.weft.rpc.methods");
    }

    @Test
    void theBomManagesTheLibraryModulesAtWeftsVersion() throws IOException {
        final String bom = Files.readString(Path.of("..", "weft-bom", "pom.xml"));
        assertThat(bom)
                .contains("<artifactId>weft-bom</artifactId>\n  <version>" + WeftVersion.current() + "</version>");
        for (String module : List.of("weft-core", "weft-process", "weft-rpc", "weft-micrometer")) {
            assertThat(bom)
                    .contains("<artifactId>" + module + "</artifactId>\n        <version>${project.version}</version>");
        }
    }

    @Test
    void aConsumerRunsOnTheModulePath(@TempDir final Path dir) throws Exception {
        final Path src = dir.resolve("src");
        write(src.resolve("module-info.java"), "module hello { requires dev.weft.core; }\n");
        write(src.resolve("hello/Main.java"), PROGRAM);
        final String modulePath = libraryPath();
        final Path classes = dir.resolve("classes");
        compile(
                "--module-path",
                modulePath,
                "-d",
                classes.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("hello/Main.java").toString());
        final String out = run(List.of(
                "--enable-native-access=dev.weft.core",
                "--add-opens",
                "java.base/java.lang=dev.weft.core",
                "--module-path",
                classes + java.io.File.pathSeparator + modulePath,
                "-m",
                "hello/hello.Main"));
        assertThat(out).contains("ran in module dev.weft.core", "virtual thread carried by hello-reactor-");
        final String closed = run(List.of(
                "--enable-native-access=dev.weft.core",
                "--module-path",
                classes + java.io.File.pathSeparator + modulePath,
                "-m",
                "hello/hello.Main"));
        assertThat(closed)
                .contains("virtual threads carried by strands need the JVM option "
                        + "--add-opens java.base/java.lang=dev.weft.core");
    }

    @Test
    void aConsumerRunsOnTheClassPath(@TempDir final Path dir) throws Exception {
        final Path src = dir.resolve("src");
        write(src.resolve("hello/Main.java"), PROGRAM);
        final String classPath = libraryPath();
        final Path classes = dir.resolve("classes");
        compile(
                "-cp",
                classPath,
                "-d",
                classes.toString(),
                src.resolve("hello/Main.java").toString());
        final String out = run(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "-cp",
                classes + java.io.File.pathSeparator + classPath,
                "hello.Main"));
        assertThat(out).contains("ran in module null", "virtual thread carried by hello-reactor-");
    }

    private static Set<String> exports(final Class<?> member, final String name) throws URISyntaxException {
        final ModuleReference reference = ModuleFinder.of(location(member))
                .find(name)
                .orElseThrow(() -> new AssertionError("no module " + name + " at " + location(member)));
        return reference.descriptor().exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** weft-core and what it requires (JCTools), as the build resolved them for this test. */
    private static String libraryPath() throws URISyntaxException {
        final List<String> entries = new ArrayList<>();
        for (Class<?> member : List.of(
                WeftVersion.class,
                org.jctools.queues.varhandle.MpscUnboundedVarHandleArrayQueue.class,
                org.jctools.queues.MessagePassingQueue.class)) {
            entries.add(location(member).toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static Path location(final Class<?> member) {
        try {
            return Path.of(
                    member.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(final Path file, final String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void compile(final String... args) {
        final int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args);
        assertThat(status).as("javac %s", String.join(" ", args)).isZero();
    }

    private static String run(final List<String> args) throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        final Process process =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        final byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        final String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s printed:%n%s", command, text).isZero();
        return text;
    }
}
