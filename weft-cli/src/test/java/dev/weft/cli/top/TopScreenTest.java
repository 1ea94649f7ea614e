package dev.weft.cli.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TopScreenTest {

    private static final int COLUMNS = 160;
    private static final int ROWS = 30;

    @TempDir
    Path dir;

    private static String text(final DefaultVirtualTerminal terminal) {
        final StringBuilder text = new StringBuilder();
        for (int row = 0; row < ROWS; row++) {
            for (int column = 0; column < COLUMNS; column++) {
                text.append(terminal.getCharacter(column, row).getCharacterString());
            }
            text.append('\n');
        }
        return text.toString();
    }

    private static void awaitShown(final DefaultVirtualTerminal terminal, final String expected) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(text(terminal)).contains(expected));
    }

    @Test
    void keysOnATerminalSwitchTabsOpenDetailsAndQuit() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("top-screen")
                .reactors(2)
                .mode(ReactorMode.SLEEP)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final Strand strand = Strand.of("ticker");
            group.add(strand, group.reactor(1)).get();
            strand.add(Tasklet.timed("tick", Duration.ofMillis(10), () -> 0)).get();
            final RpcRegistry registry = new RpcRegistry(RpcState.RUNTIME);
            SpdkMethods.register(registry, group, "0.1.0", ProcStat.PROC_STAT).initialized();
            try (JsonRpcServer server = JsonRpcServer.start(RpcServerConfig.defaults(dir.resolve("s.sock")), registry);
                    JsonRpcClient client = JsonRpcClient.connect(server.socketPath(), false)) {
                final DefaultVirtualTerminal terminal = new DefaultVirtualTerminal(new TerminalSize(COLUMNS, ROWS));
                final TerminalScreen screen = new TerminalScreen(terminal);
                final CompletableFuture<Void> done = CompletableFuture.runAsync(
                        () -> {
                            try {
                                new TopScreen(client, Duration.ofMillis(100)).run(screen);
                            } catch (final Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        command -> Thread.ofPlatform().name("top-screen-test").start(command));
                awaitShown(terminal, "ticker");
                assertThat(text(terminal))
                        .contains("[1] THREADS")
                        .contains("Page: 1/1")
                        .contains(TopView.KEYS_LINE);
                assertThat(terminal.getCharacter(1, 0).getModifiers())
                        .as("the active tab")
                        .contains(SGR.REVERSE);
                assertThat(terminal.getCharacter(0, 3).getModifiers())
                        .as("the selected row")
                        .contains(SGR.REVERSE);
                terminal.addInput(new KeyStroke('3', false, false));
                awaitShown(terminal, "Frequency [MHz]");
                terminal.addInput(new KeyStroke(KeyType.Enter));
                awaitShown(terminal, "Threads on this core");
                assertThat(text(terminal)).containsPattern("Core \\d+ details").contains("[Esc] Close");
                terminal.addInput(new KeyStroke(KeyType.Escape));
                terminal.addInput(new KeyStroke('g', false, false));
                awaitShown(terminal, "The server does not report a scheduler.");
                terminal.addInput(new KeyStroke('q', false, false));
                done.get(20, TimeUnit.SECONDS);
            }
        }
    }
}
