package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The single-writer rules are checked: a reactor's loop state touched from another thread fails an assert. */
class ThreadRuleTest {

    @Test
    void testsRunWithAssertionsOn() {
        assertThat(Reactor.class.desiredAssertionStatus())
                .as("surefire runs with -ea")
                .isTrue();
    }

    @Test
    void strandLoopStateRefusesAnotherThread() throws Exception {
        try (ReactorGroup group = Groups.started(1, ReactorMode.SLEEP, ReactorListener.logging())) {
            final Strand strand = Strand.of("rules");
            group.add(strand).get(5, TimeUnit.SECONDS);
            final Tasklet tasklet = Tasklet.of("idle", () -> 0);
            assertThatThrownBy(() -> strand.loop().addTasklet(tasklet))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("addTasklet")
                    .hasMessageContaining("rules");
            assertThatThrownBy(() -> strand.loop().charge(true, 1)).isInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> strand.mailbox().pollSignal()).isInstanceOf(AssertionError.class);
            final CompletableFuture<Boolean> onReactor = new CompletableFuture<>();
            strand.execute(() -> onReactor.complete(strand.loop().leaving()));
            assertThat(onReactor.get(5, TimeUnit.SECONDS))
                    .as("the owner may read it")
                    .isFalse();
        }
    }

    @Test
    void reactorJobsRefuseAnotherThread() throws Exception {
        try (ReactorGroup group = Groups.started(2, ReactorMode.SLEEP, ReactorListener.logging())) {
            final Strand strand = Strand.of("rules");
            group.add(strand, group.reactor(0)).get(5, TimeUnit.SECONDS);
            final Reactor reactor = group.reactor(0);
            assertThatThrownBy(
                            () -> reactor.membership().beginMove(strand, group.reactor(1), new CompletableFuture<>()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("beginMove")
                    .hasMessageContaining(reactor.name());
            assertThatThrownBy(() -> reactor.lifecycle().stopTasklet(strand, Tasklet.of("t", () -> 0)))
                    .isInstanceOf(AssertionError.class);
            assertThatThrownBy(() -> reactor.runMessage(strand, () -> {})).isInstanceOf(AssertionError.class);
            group.move(strand, group.reactor(1)).get(5, TimeUnit.SECONDS);
            assertThat(strand.reactor()).contains(group.reactor(1));
        }
    }
}
