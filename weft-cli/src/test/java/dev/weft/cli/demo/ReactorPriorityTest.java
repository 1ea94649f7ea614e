package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.platform.NativeThread;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ReactorPriorityTest {

    @Test
    void everyReactorOfEveryGroupTakesTheNiceValueAndTheClassOnItsOwnThread() throws Exception {
        final SchedulingPolicy policy = SchedulingPolicy.fair(Duration.ofMillis(3));
        try (ReactorGroup one = ReactorGroup.builder()
                        .name("prio-a")
                        .reactors(2)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start();
                ReactorGroup two = ReactorGroup.builder()
                        .name("prio-b")
                        .reactors(1)
                        .watchdog(Duration.ZERO)
                        .build()
                        .start()) {
            assertThat(ReactorPriority.nice(4, List.of(one, two))).isEmpty();
            assertThat(ReactorPriority.scheduling(policy, List.of(one, two))).isEmpty();
            for (final ReactorGroup group : List.of(one, two)) {
                for (final Reactor reactor : group.reactors()) {
                    final CompletableFuture<String> seen = new CompletableFuture<>();
                    reactor.execute(() -> {
                        try {
                            seen.complete(niceOf(NativeThread.currentThreadId()) + " "
                                    + NativeThread.currentSchedulingPolicy().kind());
                        } catch (final Exception e) {
                            seen.completeExceptionally(e);
                        }
                    });
                    assertThat(seen.get(10, TimeUnit.SECONDS))
                            .as(reactor.name())
                            .isEqualTo("4 FAIR");
                }
            }
        }
        assertThat(NativeThread.currentSchedulingPolicy().kind()).isEqualTo(SchedulingPolicy.Kind.FAIR);
    }

    private static int niceOf(final int tid) throws Exception {
        final String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }
}
