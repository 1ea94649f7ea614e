package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeftVersionTest {

    @Test
    void theVersionIsTheOneTheBuildWasGiven() {
        assertThat(WeftVersion.current()).isEqualTo(System.getProperty("weft.expected.version"));
    }
}
