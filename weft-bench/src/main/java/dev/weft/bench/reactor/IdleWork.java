package dev.weft.bench.reactor;

/**
 * The work every dispatch variant calls: an idle poll that counts itself, so the benchmark can verify that every
 * tasklet was really dispatched.
 */
final class IdleWork {

    private long polls;

    int poll() {
        polls++;
        return 0;
    }

    long polls() {
        return polls;
    }
}
