package dev.weft.cli.run;

import dev.weft.reactor.Tasklet;
import java.time.Duration;

/**
 * A timed tasklet that beats every 100 ms: the liveness probe of {@code weft run}'s default configuration. Its run
 * count in {@code thread_get_pollers} grows by ten a second while its reactor is healthy, and, being timed, it lets
 * its reactor sleep between beats.
 */
public final class Heartbeat extends Tasklet {

    /** The beat period. */
    public static final Duration PERIOD = Duration.ofMillis(100);

    /** Creates the tasklet; {@code weft run} calls this for each strand that lists it. */
    public Heartbeat() {
        super("heartbeat", PERIOD);
    }

    /**
     * Beats once.
     *
     * @return 1, one beat of work
     */
    @Override
    public int poll() {
        return 1;
    }
}
