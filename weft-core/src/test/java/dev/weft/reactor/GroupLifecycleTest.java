package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.platform.KernelFacts;
import dev.weft.platform.NativeThread;
import dev.weft.platform.SchedulingPolicy;
import dev.weft.platform.ThreadPlacementException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class GroupLifecycleTest {

    @Test
    void startReturnsOnlyWhenEveryReactorIsReady() {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("ready")
                .reactors(3)
                .watchdog(Duration.ZERO)
                .build()) {
            assertThat(group.reactors()).allSatisfy(r -> assertThat(r.ready()).isNotDone());
            group.start();
            assertThat(group.reactors()).allSatisfy(r -> assertThat(r.ready()).isCompleted());
            assertThat(group.reactors())
                    .extracting(Reactor::name)
                    .containsExactly("ready-reactor-0", "ready-reactor-1", "ready-reactor-2");
            assertThatThrownBy(group::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");
        }
    }

    @Test
    void aGroupCannotBeClosedFromItsOwnReactor() throws Exception {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("self")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .build()
                .start()) {
            final CompletableFuture<Throwable> failure = new CompletableFuture<>();
            group.reactor(0).execute(() -> {
                try {
                    group.close();
                    failure.complete(null);
                } catch (final IllegalStateException e) {
                    failure.complete(e);
                }
            });
            assertThat(failure.get(10, TimeUnit.SECONDS)).hasMessageContaining("cannot be closed from its own");
            assertThat(group.isStopped()).isFalse();
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void reactorsRunInTheSchedulingClassTheGroupAskedFor() throws Exception {
        final SchedulingPolicy policy = SchedulingPolicy.roundRobin(1);
        final ReactorGroupBuilder builder = ReactorGroup.builder()
                .name("rt")
                .reactors(2)
                .watchdog(Duration.ZERO)
                .scheduling(policy);
        if (!KernelFacts.mayUseRealTime(policy.priority())) {
            assertThatThrownBy(() -> builder.build().start())
                    .isInstanceOf(ThreadPlacementException.class)
                    .hasMessageContaining("needs CAP_SYS_NICE");
            return;
        }
        try (ReactorGroup group = builder.build().start()) {
            for (final Reactor reactor : group.reactors()) {
                final CompletableFuture<SchedulingPolicy> seen = new CompletableFuture<>();
                reactor.execute(() -> seen.complete(NativeThread.currentSchedulingPolicy()));
                assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(policy);
            }
        }
    }

    @Test
    void everyReactorStartsWithTheGroupsDefaultSleep() {
        try (ReactorGroup group = ReactorGroup.builder()
                .name("paced")
                .reactors(2)
                .watchdog(Duration.ZERO)
                .defaultSleep(Duration.ofMillis(4))
                .build()) {
            assertThat(group.reactors())
                    .allSatisfy(r -> assertThat(r.defaultSleep()).isEqualTo(Duration.ofMillis(4)));
        }
        try (ReactorGroup group = ReactorGroup.builder()
                .name("mtl")
                .reactors(1)
                .watchdog(Duration.ZERO)
                .build()) {
            assertThat(group.reactor(0).defaultSleep()).isEqualTo(Duration.ofNanos(SleepRule.DEFAULT_SLEEP_NANOS));
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> ReactorGroup.builder().defaultSleep(Duration.ofNanos(10)))
                .hasMessageContaining("default sleep PT0.00000001S is under 1 µs");
        assertThatThrownBy(() -> ReactorGroup.builder().reactors(0)).hasMessageContaining("at least one reactor");
        assertThatThrownBy(() -> ReactorGroup.builder().name(" ")).hasMessageContaining("name");
        assertThatThrownBy(() -> ReactorGroup.builder().watchdog(Duration.ofMillis(-1)))
                .hasMessageContaining("watchdog");
        assertThatThrownBy(() -> Strand.builder("s").weight(-1)).hasMessageContaining("weight -1.0");
        assertThatThrownBy(() -> Strand.builder("s").numaNode(-2)).hasMessageContaining("NUMA node -2");
        assertThatThrownBy(() -> Tasklet.timed("t", Duration.ZERO, () -> 0)).hasMessageContaining("not positive");
        assertThatThrownBy(() -> Tasklet.of("t", () -> 0).adviceSleepMicros(-5)).hasMessageContaining("-5");
        final Tasklet owned = Tasklet.of("owned", () -> 0);
        Strand.of("a").add(owned);
        assertThatThrownBy(() -> Strand.of("b").add(owned)).hasMessageContaining("already on strand 'a'");
        assertThatThrownBy(() -> Strand.of("c").remove(owned)).hasMessageContaining("not on strand 'c'");
    }
}
