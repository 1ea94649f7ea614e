package dev.weft.reactor;

import java.time.Duration;

/** Builds small unpinned groups for tests. */
final class Groups {

    private Groups() {}

    static ReactorGroup started(final int reactors, final ReactorMode mode, final ReactorListener listener) {
        return ReactorGroup.builder()
                .name("test")
                .reactors(reactors)
                .mode(mode)
                .listener(listener)
                .watchdog(Duration.ZERO)
                .build()
                .start();
    }
}
