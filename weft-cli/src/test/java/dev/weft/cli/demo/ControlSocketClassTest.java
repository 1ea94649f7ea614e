package dev.weft.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.platform.SchedulingPolicy;
import org.junit.jupiter.api.Test;

class ControlSocketClassTest {

    @Test
    void serverThreadsTakeTheReactorsRealTimeClassOnePriorityLower() {
        assertThat(ControlSocket.servingClass(SchedulingPolicy.fifo(10))).isEqualTo(SchedulingPolicy.fifo(9));
        assertThat(ControlSocket.servingClass(SchedulingPolicy.roundRobin(5)))
                .isEqualTo(SchedulingPolicy.roundRobin(4));
        assertThat(ControlSocket.servingClass(SchedulingPolicy.fifo(1))).isEqualTo(SchedulingPolicy.fifo(1));
        assertThat(ControlSocket.servingClass(SchedulingPolicy.fair())).isEqualTo(SchedulingPolicy.fair());
    }
}
