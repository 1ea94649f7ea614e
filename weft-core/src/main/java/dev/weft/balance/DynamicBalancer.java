package dev.weft.balance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SPDK's {@code dynamic} scheduler: gathers idle strands on the scheduling reactor, spreads busy ones only as far as
 * needed, and lets empty reactors sleep in interrupt mode at minimum frequency.
 *
 * <p><b>Implementation overview</b> (SPDK's {@code scheduler_dynamic.c}, as of its 2024 version with isolated
 * cores and governor min/max on sleep and wake). A round works on a private copy of every reactor's busy and idle
 * time and strand count:
 * <ol>
 *   <li><b>Pass 1, idle strands.</b> Every strand on a non-isolated reactor whose busy share is under
 *       {@code load_limit} moves to the scheduling reactor (SPDK's main core).</li>
 *   <li><b>Pass 2, active strands.</b> Every other strand goes to {@code findOptimalReactor}: walking the
 *       reactors its mask allows in id order, skipping isolated ones, remember the least busy (absolute busy time);
 *       among those that can fit it (other than its own) prefer the scheduling reactor, then any lower id when it
 *       is not on the scheduling reactor, then, if its own reactor is at its limit, the first that fits. If its own
 *       reactor is at its limit and nothing fits, the least busy; otherwise it stays.</li>
 *   <li>A reactor <em>fits</em> a strand when it is the strand's own, reports no time (interrupt mode), has no
 *       strands, or has idle time for the strand's busy time and would stay under {@code core_limit}.</li>
 *   <li>Each move adds the strand's busy time to the target and takes it from the source; the <b>overload clamp</b>:
 *       a source that was at or above {@code core_busy} and falls under {@code core_limit} is set to exactly
 *       {@code core_limit}, so that nothing moves onto it in the same round (it was saturated, so its real load
 *       is unknown).</li>
 *   <li>Reactors left with no strands go to interrupt mode with minimum frequency; reactors with strands leave
 *       interrupt mode, and those other than the scheduling reactor get maximum frequency. The scheduling
 *       reactor gets maximum when any other reactor is busy, else one step up when it was busier than idle, else
 *       one step down.</li>
 * </ol>
 *
 * <p><b>Deliberate differences from SPDK.</b> SPDK's pass 1 ignores the strand's CPU mask and may put an idle
 * strand on a reactor it must not run on. weft keeps the mask: an idle strand whose mask excludes the scheduling
 * reactor stays where it is (moving it elsewhere could wake a sleeping reactor for a strand that does nothing).
 * Like SPDK, weft takes any {@code uint8} for the three percentages, without checking them against 100 (a
 * {@code load_limit} over 100 makes every strand idle).
 */
public final class DynamicBalancer implements Balancer {

    /** The name {@code framework_set_scheduler} takes. */
    public static final String NAME = "dynamic";

    private static final Set<String> OPTION_NAMES = Set.of("load_limit", "core_limit", "core_busy");

    private final int loadLimit;
    private final int coreLimit;
    private final int coreBusy;

    /** Creates the policy with SPDK's defaults: {@code load_limit} 20, {@code core_limit} 80, {@code core_busy} 95. */
    public DynamicBalancer() {
        this(20, 80, 95);
    }

    /**
     * Creates the policy with the given limits.
     *
     * @param loadLimit a strand below this busy percentage is idle and gathered on the scheduling reactor
     * @param coreLimit a reactor at or above this busy percentage is at its limit and takes no more strands
     * @param coreBusy a reactor at or above this busy percentage is saturated (the overload clamp)
     */
    public DynamicBalancer(final int loadLimit, final int coreLimit, final int coreBusy) {
        final Map<String, Object> all = Map.of("load_limit", loadLimit, "core_limit", coreLimit, "core_busy", coreBusy);
        this.loadLimit = Options.percent(NAME, all, "load_limit", 0);
        this.coreLimit = Options.percent(NAME, all, "core_limit", 0);
        this.coreBusy = Options.percent(NAME, all, "core_busy", 0);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public GovernorNeed governorNeed() {
        return GovernorNeed.OPTIONAL;
    }

    @Override
    public Map<String, Object> options() {
        final Map<String, Object> options = new LinkedHashMap<>();
        options.put("load_limit", loadLimit);
        options.put("core_limit", coreLimit);
        options.put("core_busy", coreBusy);
        return options;
    }

    @Override
    public DynamicBalancer withOptions(final Map<String, Object> changes, final LoadSnapshot current) {
        Options.requireKnown(NAME, changes, OPTION_NAMES);
        return new DynamicBalancer(
                Options.percent(NAME, changes, "load_limit", loadLimit),
                Options.percent(NAME, changes, "core_limit", coreLimit),
                Options.percent(NAME, changes, "core_busy", coreBusy));
    }

    @Override
    public BalancePlan balance(final LoadSnapshot snapshot) {
        final Round round = new Round(snapshot);
        final int main = snapshot.schedulingReactor();
        for (final StrandLoad strand : snapshot.strands()) {
            if (!round.core(strand.reactor()).isolated
                    && strand.busyPercent() < loadLimit
                    && strand.allowedReactors().contains(main)) {
                round.move(strand, main);
            }
        }
        for (final StrandLoad strand : snapshot.strands()) {
            if (!round.core(strand.reactor()).isolated && strand.busyPercent() >= loadLimit) {
                round.move(strand, findOptimalReactor(round, strand, main));
            }
        }
        final Map<Integer, Boolean> modes = new LinkedHashMap<>();
        final Map<Integer, FrequencyAction> frequencies = new LinkedHashMap<>();
        boolean busyElsewhere = false;
        for (final ReactorLoad reactor : snapshot.reactors()) {
            final Core core = round.core(reactor.id());
            if (core.strands == 0) {
                modes.put(reactor.id(), true);
                frequencies.put(reactor.id(), FrequencyAction.MIN);
            } else {
                modes.put(reactor.id(), false);
                if (reactor.id() != main) {
                    busyElsewhere = true;
                    frequencies.put(reactor.id(), FrequencyAction.MAX);
                }
            }
        }
        final Core mainCore = round.core(main);
        if (busyElsewhere) {
            frequencies.put(main, FrequencyAction.MAX);
        } else if (mainCore.busy > mainCore.idle) {
            frequencies.put(main, FrequencyAction.UP);
        } else {
            frequencies.put(main, FrequencyAction.DOWN);
        }
        return new BalancePlan(round.moves, modes, frequencies, Set.of());
    }

    private int findOptimalReactor(final Round round, final StrandLoad strand, final int main) {
        final int current = round.placement.get(strand.id());
        final boolean atLimit = isAtLimit(round.core(current));
        int leastBusy = current;
        for (final int candidate : new TreeSet<>(strand.allowedReactors())) {
            final Core core = round.cores.get(candidate);
            if (core == null || core.isolated) {
                continue;
            }
            if (core.busy < round.core(leastBusy).busy) {
                leastBusy = candidate;
            }
            if (candidate == current || !canFit(round, strand, candidate)) {
                continue;
            }
            if (candidate == main) {
                return candidate;
            }
            if (candidate < current && current != main) {
                return candidate;
            }
            if (atLimit) {
                return candidate;
            }
        }
        return atLimit ? leastBusy : current;
    }

    private boolean isAtLimit(final Core core) {
        return core.strands > 1 && core.busy > 0 && Loads.busyPercent(core.busy, core.idle) >= coreLimit;
    }

    private boolean canFit(final Round round, final StrandLoad strand, final int target) {
        final Core core = round.core(target);
        if (round.placement.get(strand.id()) == target || core.busy + core.idle == 0 || core.strands == 0) {
            return true;
        }
        return core.idle >= strand.busy()
                && Loads.busyPercent(core.busy + strand.busy(), core.idle - strand.busy()) < coreLimit;
    }

    /** One reactor's figures as the round changes them. */
    private static final class Core {
        private long busy;
        private long idle;
        private int strands;
        private final boolean isolated;

        Core(final ReactorLoad load) {
            this.busy = load.busy();
            this.idle = load.idle();
            this.isolated = load.isolated();
        }
    }

    /** The working state of one round. */
    private final class Round {
        private final Map<Integer, Core> cores = new HashMap<>();
        private final Map<Long, Integer> placement = new HashMap<>();
        private final Map<Long, Integer> moves = new LinkedHashMap<>();

        Round(final LoadSnapshot snapshot) {
            snapshot.reactors().forEach(r -> cores.put(r.id(), new Core(r)));
            for (final StrandLoad strand : snapshot.strands()) {
                placement.put(strand.id(), strand.reactor());
                cores.get(strand.reactor()).strands++;
            }
        }

        Core core(final int id) {
            return cores.get(id);
        }

        void move(final StrandLoad strand, final int target) {
            final int source = placement.get(strand.id());
            if (source == target) {
                return;
            }
            final Core src = cores.get(source);
            final Core dst = cores.get(target);
            dst.busy += strand.busy();
            dst.idle = Math.max(0, dst.idle - strand.busy());
            dst.strands++;
            final long before = Loads.busyPercent(src.busy, src.idle);
            final long total = src.busy + src.idle;
            src.busy = Math.max(0, src.busy - strand.busy());
            src.idle = total - src.busy;
            if (before >= coreBusy && Loads.busyPercent(src.busy, src.idle) < coreLimit) {
                src.busy = total * coreLimit / 100;
                src.idle = total - src.busy;
            }
            src.strands--;
            placement.put(strand.id(), target);
            if (target == strand.reactor()) {
                moves.remove(strand.id());
            } else {
                moves.put(strand.id(), target);
            }
        }
    }
}
