package dev.weft.rpc.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.platform.Topology;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorListener;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import dev.weft.rpc.JsonRpcClient;
import dev.weft.rpc.JsonRpcServer;
import dev.weft.rpc.RpcRegistry;
import dev.weft.rpc.RpcServerConfig;
import dev.weft.rpc.RpcState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FlightRecorderEventsTest {

    @TempDir
    Path dir;

    @Test
    void movesAndModeSwitchesMadeThroughRpcAreRecordedWithTheirCause() throws Exception {
        final FailureLog failures = new FailureLog(4, ReactorListener.logging());
        final OutcomeLog outcomes = new OutcomeLog(4, outcome -> {});
        try (Recording recording = new Recording()) {
            for (final String name :
                    List.of("dev.weft.StrandMove", "dev.weft.ReactorModeSwitch", "dev.weft.TaskletFailure")) {
                recording.enable(name);
            }
            recording.start();
            try (ReactorGroup group = ReactorGroup.builder()
                    .name("jfr")
                    .reactors(2)
                    .mode(ReactorMode.SLEEP)
                    .listener(failures)
                    .watchdog(Duration.ZERO)
                    .build()
                    .start()) {
                final Strand strand = Strand.of("wanderer");
                group.add(strand, group.reactor(0)).get();
                final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
                WeftMethods.register(
                        registry,
                        new WeftRuntime(
                                group, Topology.read(), List.of(), Optional.empty(), failures, Optional.of(outcomes)));
                try (JsonRpcServer server =
                                JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("j.sock")), registry);
                        JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                    client.call(
                            "weft_move_strand",
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("strand_id", strand.id())
                                    .put("reactor", 1));
                    client.call(
                            "weft_set_reactor_mode",
                            JsonNodeFactory.instance
                                    .objectNode()
                                    .put("reactor", 0)
                                    .put("mode", "interrupt"));
                }
                strand.add(Tasklet.of("bad", () -> {
                            throw new IllegalStateException("no");
                        }))
                        .get();
                await().atMost(Duration.ofSeconds(30)).until(() -> failures.failureCount() == 1);
            }
            recording.stop();
            final Path file = dir.resolve("events.jfr");
            recording.dump(file);
            final Map<String, RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                    .collect(Collectors.toMap(e -> e.getEventType().getName(), e -> e, (a, b) -> a));
            final RecordedEvent move = events.get("dev.weft.StrandMove");
            assertThat(move.getString("strand")).isEqualTo("wanderer");
            assertThat(move.getInt("fromReactor")).isZero();
            assertThat(move.getInt("toReactor")).isEqualTo(1);
            assertThat(move.getBoolean("completed")).isTrue();
            assertThat(move.getString("cause")).isEqualTo("rpc");
            final RecordedEvent mode = events.get("dev.weft.ReactorModeSwitch");
            assertThat(mode.getString("fromMode")).isEqualTo("sleep");
            assertThat(mode.getString("toMode")).isEqualTo("interrupt");
            assertThat(mode.getString("cause")).isEqualTo("rpc");
            final RecordedEvent failure = events.get("dev.weft.TaskletFailure");
            assertThat(failure.getString("source")).isEqualTo("bad");
            assertThat(failure.getString("strand")).isEqualTo("wanderer");
        }
    }
}
