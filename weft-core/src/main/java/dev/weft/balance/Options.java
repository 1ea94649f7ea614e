package dev.weft.balance;

import java.util.Map;
import java.util.Set;

/** Reads and checks balancer options, naming the option and the fault in every error. */
final class Options {

    /** SPDK keeps its percentages in a {@code uint8} and does not check them against 100. */
    static final int MAX_PERCENT = 255;

    private Options() {}

    static void requireKnown(final String policy, final Map<String, Object> changes, final Set<String> known) {
        for (final String name : changes.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("balancer '" + policy + "' has no option '" + name + "'"
                        + (known.isEmpty() ? "; it takes none" : "; it takes " + known));
            }
        }
    }

    static int percent(final String policy, final Map<String, Object> changes, final String name, final int current) {
        final Object value = changes.get(name);
        if (value == null) {
            if (changes.containsKey(name)) {
                throw new IllegalArgumentException("balancer '" + policy + "' option '" + name + "' is null");
            }
            return current;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException(
                    "balancer '" + policy + "' option '" + name + "' must be a whole " + "percentage, not " + value);
        }
        final long percent = number.longValue();
        if (percent < 0 || percent > MAX_PERCENT) {
            throw new IllegalArgumentException("balancer '" + policy + "' option '" + name + "' is " + percent
                    + ", outside [0, " + MAX_PERCENT + "] (SPDK's uint8)");
        }
        return (int) percent;
    }
}
