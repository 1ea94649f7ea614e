package dev.weft.balance;

import java.util.Map;
import java.util.Set;

/** Reads and checks balancer options, naming the option and the fault in every error. */
final class Options {

    private Options() {
    }

    static void requireKnown(final String policy, final Map<String, Object> changes, final Set<String> known) {
        for (final String name : changes.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("balancer '" + policy + "' has no option '" + name + "'"
                        + (known.isEmpty() ? "; it takes none" : "; it takes " + known));
            }
        }
    }

    static int percent(final String policy, final Map<String, Object> changes, final String name,
            final int current) {
        final Object value = changes.get(name);
        if (value == null) {
            if (changes.containsKey(name)) {
                throw new IllegalArgumentException("balancer '" + policy + "' option '" + name + "' is null");
            }
            return current;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException("balancer '" + policy + "' option '" + name + "' must be a whole "
                    + "percentage, not " + value);
        }
        final long percent = number.longValue();
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("balancer '" + policy + "' option '" + name + "' is " + percent
                    + ", outside [0, 100]");
        }
        return (int) percent;
    }
}
