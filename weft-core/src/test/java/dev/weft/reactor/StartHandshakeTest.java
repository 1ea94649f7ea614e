package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StartHandshakeTest {

    @Test
    void warnsEachIntervalNamingOnlyTheReactorsStillLateAndReturnsOnceAllAreReady() {
        final List<CompletableFuture<Void>> readies =
                List.of(CompletableFuture.completedFuture(null), new CompletableFuture<>(), new CompletableFuture<>());
        final List<String> reports = new CopyOnWriteArrayList<>();
        final ReactorListener listener = new ReactorListener() {
            @Override
            public void failed(final ReactorFailure failure) {
                throw new AssertionError(failure.toString());
            }

            @Override
            public void late(final String group, final String awaiting, final List<String> reactors) {
                reports.add(group + " " + awaiting + " " + reactors);
                // Each report lets one more reactor be ready, so the handshake must warn exactly twice.
                readies.get(reports.size()).complete(null);
            }
        };
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> StartHandshake.await("g", List.of("r0", "r1", "r2"), readies, Duration.ofMillis(1), listener));
        assertThat(reports).containsExactly("g be ready [r1, r2]", "g be ready [r2]");
    }

    @Test
    void aReactorThatFailsToStartFailsTheHandshakeWithItsCause() {
        final CompletableFuture<Void> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("no thread"));
        assertThatThrownBy(() -> StartHandshake.await(
                        "g", List.of("r0"), List.of(failed), Duration.ofSeconds(1), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to start")
                .hasRootCauseMessage("no thread");
    }

    @Test
    void aReadyGroupIsNeverReportedLate() {
        final RecordingListener listener = new RecordingListener();
        try (ReactorGroup group = ReactorGroup.builder()
                .name("prompt")
                .reactors(2)
                .watchdog(Duration.ZERO)
                .listener(listener)
                .build()
                .start()) {
            assertThat(group.isStarted()).isTrue();
        }
        assertThat(listener.late).isEmpty();
    }
}
