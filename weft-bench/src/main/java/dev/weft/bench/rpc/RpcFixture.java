package dev.weft.bench.rpc;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import dev.weft.rpc.methods.ProcStat;
import dev.weft.rpc.methods.SpdkMethods;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A served runtime for the RPC benchmarks: two reactors in auto mode, each running a strand with a timed tasklet
 * (every 100 µs, a little arithmetic) as the workload, and a JSON-RPC server with SPDK's methods on a socket in a
 * fresh temporary directory.
 */
final class RpcFixture implements AutoCloseable {

    final ReactorGroup group;
    final JsonRpcServer server;
    final RpcRegistry registry;
    final AtomicLong ticks = new AtomicLong();
    private final Path dir;

    RpcFixture() {
        try {
            dir = Files.createTempDirectory("weft-rpc-bench");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        group = ReactorGroup.builder()
                .name("rpcbench")
                .reactors(2)
                .mode(ReactorMode.INTERRUPT)
                .watchdog(Duration.ZERO)
                .build()
                .start();
        for (int i = 0; i < 2; i++) {
            final Strand strand = Strand.of("work-" + i);
            group.add(strand, group.reactor(i)).join();
            strand.add(Tasklet.timed("tick", Duration.ofNanos(100_000), () -> {
                        ticks.incrementAndGet();
                        return 1;
                    }))
                    .join();
        }
        registry = new RpcRegistry(RpcState.RUNTIME);
        SpdkMethods.register(registry, group, "bench", ProcStat.PROC_STAT).initialized();
        server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("bench.sock")), registry);
    }

    /**
     * Checks that a client gets a well-formed answer: two reactors, each with its strand.
     *
     * @param client a connected client
     */
    static void verify(final JsonRpcClient client) {
        final JsonNode result = client.call("framework_get_reactors", null);
        if (result.path("reactors").size() != 2
                || result.path("reactors").get(0).path("lw_threads").isEmpty()) {
            throw new IllegalStateException("framework_get_reactors answered " + result);
        }
    }

    @Override
    public void close() {
        server.close();
        group.close();
        try {
            Files.deleteIfExists(dir);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
