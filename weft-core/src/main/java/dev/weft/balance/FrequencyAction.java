package dev.weft.balance;

/** What a balancer asks a {@code Governor} to do with one core's frequency (SPDK's governor operations). */
public enum FrequencyAction {
    /** {@code set_core_freq_min}: the lowest frequency. */
    MIN,
    /** {@code core_freq_down}: one step down. */
    DOWN,
    /** {@code core_freq_up}: one step up. */
    UP,
    /** {@code set_core_freq_max}: the highest frequency. */
    MAX
}
