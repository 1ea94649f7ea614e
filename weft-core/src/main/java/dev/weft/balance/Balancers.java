package dev.weft.balance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The balancers weft knows by name, as {@code framework_set_scheduler} chooses them: {@code static} (the default,
 * as in SPDK), {@code dynamic}, {@code gscheduler} and {@code mtl}.
 */
public final class Balancers {

    private static final Map<String, Supplier<Balancer>> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put(StaticBalancer.NAME, StaticBalancer::new);
        KNOWN.put(DynamicBalancer.NAME, DynamicBalancer::new);
        KNOWN.put(GovernorOnlyBalancer.NAME, GovernorOnlyBalancer::new);
        KNOWN.put(MtlBalancer.NAME, MtlBalancer::new);
    }

    private Balancers() {}

    /**
     * Returns the names of the known balancers.
     *
     * @return the names, {@code static} first
     */
    public static Set<String> names() {
        return KNOWN.keySet();
    }

    /**
     * Creates a balancer by name with its default options.
     *
     * @param name a balancer's name
     * @return a new balancer
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Balancer of(final String name) {
        final Supplier<Balancer> factory = KNOWN.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown balancer '" + name + "'; known are " + KNOWN.keySet());
        }
        return factory.get();
    }
}
