package dev.weft.rpc.events;

import dev.weft.balance.BalancingListener;
import dev.weft.balance.BalancingRound;
import dev.weft.balance.DynamicBalancer;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BalancingEventsTest {

    @TempDir
    Path dir;

    @Test
    void theDynamicBalancersMovesAndModeSwitchesAreRecordedWithItsNameAsCause() throws Exception {
        final BalancingEvents events = new BalancingEvents();
        final AtomicInteger ended = new AtomicInteger();
        final BalancingListener counting = new BalancingListener() {
            @Override
            public void modeSwitched(final Reactor reactor, final ReactorMode from, final ReactorMode to,
                    final String balancer) {
                events.modeSwitched(reactor, from, to, balancer);
            }

            @Override
            public MoveEnd moveRequested(final Strand strand, final Reactor from, final Reactor to,
                    final String balancer) {
                final MoveEnd end = events.moveRequested(strand, from, to, balancer);
                return completed -> {
                    end.ended(completed);
                    ended.incrementAndGet();
                };
            }
        };
        try (Recording recording = new Recording()) {
            recording.enable("dev.weft.StrandMove");
            recording.enable("dev.weft.ReactorModeSwitch");
            recording.start();
            final String emptied;
            try (ReactorGroup group = ReactorGroup.builder().name("jfr-round").reactors(2).mode(ReactorMode.SLEEP)
                    .watchdog(Duration.ZERO).build().start()) {
                emptied = group.reactor(1).name();
                final Strand idle = Strand.named("idler");
                group.add(idle, group.reactor(1)).get();
                idle.add(Tasklet.of("idle", () -> 0)).get();
                try (BalancingRound round = BalancingRound.on(group).listener(counting)
                        .initial(new DynamicBalancer(), 20_000).start()) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> ended.get() >= 1
                            && group.reactor(1).mode() == ReactorMode.INTERRUPT);
                    assertThat(round.info().balancerName()).isEqualTo("dynamic");
                }
            }
            recording.stop();
            final Path file = dir.resolve("round.jfr");
            recording.dump(file);
            final List<RecordedEvent> recorded = RecordingFile.readAllEvents(file);
            assertThat(recorded).anySatisfy(move -> {
                assertThat(move.getEventType().getName()).isEqualTo("dev.weft.StrandMove");
                assertThat(move.getString("strand")).isEqualTo("idler");
                assertThat(move.getInt("fromReactor")).isEqualTo(1);
                assertThat(move.getInt("toReactor")).isZero();
                assertThat(move.getString("cause")).isEqualTo("balancer dynamic");
                assertThat(move.getBoolean("completed")).isTrue();
            });
            assertThat(recorded).anySatisfy(mode -> {
                assertThat(mode.getEventType().getName()).isEqualTo("dev.weft.ReactorModeSwitch");
                assertThat(mode.getString("reactor")).isEqualTo(emptied);
                assertThat(mode.getString("fromMode")).isEqualTo("sleep");
                assertThat(mode.getString("toMode")).isEqualTo("interrupt");
                assertThat(mode.getString("cause")).isEqualTo("balancer dynamic");
            });
        }
    }
}
