package dev.weft.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReactorGroupMetricsTest {

    private final ReactorGroup group = ReactorGroup.builder()
            .name("metrics")
            .reactors(2)
            .mode(ReactorMode.INTERRUPT)
            .watchdog(Duration.ZERO)
            .build()
            .start();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        group.close();
        registry.close();
    }

    private Strand placed(final String name, final int reactor) throws Exception {
        final Strand strand = Strand.of(name);
        group.add(strand, group.reactor(reactor)).get(10, TimeUnit.SECONDS);
        return strand;
    }

    @Test
    void everyReactorHasItsTimesCountsStrandsAndMode() throws Exception {
        placed("one", 0);
        ReactorGroupMetrics.builder(group).tags(Tags.of("app", "test")).build().bindTo(registry);
        for (final String reactor :
                new String[] {group.reactor(0).name(), group.reactor(1).name()}) {
            final Tags tags = Tags.of("group", "metrics", "reactor", reactor, "app", "test");
            for (final String name : new String[] {
                "weft.reactor.busy",
                "weft.reactor.idle",
                "weft.reactor.passes",
                "weft.reactor.sleeps",
                "weft.reactor.wakeups"
            }) {
                assertThat(registry.get(name).tags(tags).functionCounter().count())
                        .isNotNegative();
            }
            assertThat(registry.get("weft.reactor.busy")
                            .tags(tags)
                            .functionCounter()
                            .getId()
                            .getBaseUnit())
                    .isEqualTo("seconds");
            final double modes = registry.get("weft.reactor.mode").tags(tags).gauges().stream()
                    .mapToDouble(g -> g.value())
                    .sum();
            assertThat(modes).isEqualTo(1.0);
        }
        final Tags first = Tags.of("reactor", group.reactor(0).name());
        assertThat(registry.get("weft.reactor.strands").tags(first).gauge().value())
                .isEqualTo(1.0);
        assertThat(registry.get("weft.reactor.mode")
                        .tags(first.and("mode", "interrupt"))
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void busyTimeGrowsWhileATaskletWorks() throws Exception {
        final Strand strand = placed("busy", 1);
        strand.add(Tasklet.of("spin", () -> 1)).get(10, TimeUnit.SECONDS);
        ReactorGroupMetrics.of(group).bindTo(registry);
        final Tags tags = Tags.of("reactor", group.reactor(1).name());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("weft.reactor.busy")
                                .tags(tags)
                                .functionCounter()
                                .count()
                        > 0.001);
        assertThat(registry.get("weft.reactor.passes")
                        .tags(tags)
                        .functionCounter()
                        .count())
                .isPositive();
    }

    @Test
    void strandAndTaskletMetersAreCappedAndFollowTheGroup() throws Exception {
        final Strand first = placed("first", 0);
        first.add(Tasklet.of("poller", () -> 0)).get(10, TimeUnit.SECONDS);
        final ReactorGroupMetrics metrics =
                ReactorGroupMetrics.builder(group).strands(1).tasklets(true).build();
        metrics.bindTo(registry);
        assertThat(registry.find("weft.strand.busy").functionCounters()).hasSize(1);
        assertThat(registry.get("weft.strand.idle")
                        .tags("strand", "first", "strand.id", Long.toString(first.id()))
                        .functionCounter()
                        .count())
                .isNotNegative();
        assertThat(registry.get("weft.tasklet.runs")
                        .tags("strand", "first", "tasklet", "poller")
                        .functionCounter()
                        .count())
                .isNotNegative();
        assertThat(registry.get("weft.tasklet.busy")
                        .tags("tasklet", "poller")
                        .functionCounter()
                        .count())
                .isNotNegative();

        final Strand second = placed("second", 1);
        metrics.refresh();
        assertThat(registry.find("weft.strand.busy").functionCounters()).hasSize(1);
        first.close().get(10, TimeUnit.SECONDS);
        metrics.refresh();
        assertThat(registry.find("weft.strand.busy").tag("strand", "first").meters())
                .isEmpty();
        assertThat(registry.find("weft.tasklet.runs").meters()).isEmpty();
        assertThat(registry.get("weft.strand.busy")
                        .tags("strand", "second", "strand.id", Long.toString(second.id()))
                        .functionCounter())
                .isNotNull();
    }

    @Test
    void eachPublishBringsStrandAndTaskletMetersInStepWithoutARefresh() throws Exception {
        ReactorGroupMetrics.builder(group).strands(2).tasklets(true).build().bindTo(registry);
        assertThat(registry.find("weft.strand.busy").meters()).isEmpty();

        final Strand late = placed("late", 0);
        final Tasklet first = Tasklet.of("first", () -> 0);
        late.add(first).get(10, TimeUnit.SECONDS);
        registry.getMetersAsString(); // a publish: every meter is read
        assertThat(registry.get("weft.strand.busy")
                        .tags("strand", "late", "strand.id", Long.toString(late.id()))
                        .functionCounter()
                        .count())
                .isNotNegative();
        assertThat(registry.find("weft.tasklet.runs").tag("tasklet", "first").meters())
                .hasSize(1);

        late.add(Tasklet.of("second", () -> 0)).get(10, TimeUnit.SECONDS);
        late.remove(first).get(10, TimeUnit.SECONDS);
        registry.getMetersAsString();
        assertThat(registry.find("weft.tasklet.runs").tag("tasklet", "first").meters())
                .isEmpty();
        assertThat(registry.find("weft.tasklet.busy").tag("tasklet", "second").meters())
                .hasSize(1);

        placed("other", 1);
        placed("over the cap", 1);
        registry.getMetersAsString();
        assertThat(registry.find("weft.strand.idle").meters()).hasSize(2);

        late.close().get(10, TimeUnit.SECONDS);
        registry.getMetersAsString();
        assertThat(registry.find("weft.strand.busy").tag("strand", "late").meters())
                .isEmpty();
        assertThat(registry.find("weft.tasklet.runs").meters()).isEmpty();
        assertThat(registry.find("weft.strand.busy").meters())
                .as("the place freed under the cap goes to the strand left without meters")
                .hasSize(2);
    }

    @Test
    void strandMetersAreOffByDefault() throws Exception {
        placed("quiet", 0);
        ReactorGroupMetrics.of(group).bindTo(registry);
        assertThat(registry.find("weft.strand.busy").meters()).isEmpty();
        assertThat(registry.getMeters())
                .extracting(Meter::getId)
                .allMatch(id -> id.getName().startsWith("weft."));
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> ReactorGroupMetrics.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReactorGroupMetrics.builder(group).strands(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
