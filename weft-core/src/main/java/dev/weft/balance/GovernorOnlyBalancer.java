package dev.weft.balance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SPDK's {@code gscheduler}: moves no strand and only sets frequencies from each core's load.
 *
 * <p><b>Implementation overview.</b> A core's busy share is the highest among its SMT siblings (reactors with the
 * same {@link ReactorLoad#core()}; a reactor with core -1 stands alone), since siblings share one clock. Then, per
 * reactor: under 1% → minimum; under 50% → one step down; 99% or more → maximum; otherwise one step up. Like SPDK's,
 * it takes no options, and naming one is an error.
 */
public final class GovernorOnlyBalancer implements Balancer {

    /** The name {@code framework_set_scheduler} takes. */
    public static final String NAME = "gscheduler";

    private static final int MIN_THRESHOLD = 1;
    private static final int ADJUST_THRESHOLD = 50;
    private static final int MAX_THRESHOLD = 99;

    /** Creates the policy. */
    public GovernorOnlyBalancer() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GovernorNeed governorNeed() {
        return GovernorNeed.REQUIRED;
    }

    @Override
    public BalancePlan balance(final LoadSnapshot snapshot) {
        final Map<Integer, Long> busiestSibling = new HashMap<>();
        for (final ReactorLoad reactor : snapshot.reactors()) {
            if (reactor.core() >= 0) {
                busiestSibling.merge(reactor.core(), reactor.busyPercent(), Math::max);
            }
        }
        final Map<Integer, FrequencyAction> frequencies = new LinkedHashMap<>();
        for (final ReactorLoad reactor : snapshot.reactors()) {
            final long busy = reactor.core() >= 0 ? busiestSibling.get(reactor.core()) : reactor.busyPercent();
            final FrequencyAction action;
            if (busy < MIN_THRESHOLD) {
                action = FrequencyAction.MIN;
            } else if (busy < ADJUST_THRESHOLD) {
                action = FrequencyAction.DOWN;
            } else if (busy >= MAX_THRESHOLD) {
                action = FrequencyAction.MAX;
            } else {
                action = FrequencyAction.UP;
            }
            frequencies.put(reactor.id(), action);
        }
        return new BalancePlan(Map.of(), Map.of(), frequencies, Set.of());
    }
}
