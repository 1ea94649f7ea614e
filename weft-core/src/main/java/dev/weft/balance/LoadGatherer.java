package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.platform.Processor;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The gather step of a {@link BalancingRound}: busy and idle time since the last committed gather, per reactor and
 * per strand, as an immutable {@link LoadSnapshot}. Used only on the round's strand.
 */
final class LoadGatherer {

    /*
     * Implementation overview. Busy and idle are deltas from the cumulative counters of each reactor and each
     * strand (a strand's counters travel with it, so a moved strand's delta stays right, and a strand caught between
     * two reactors, on neither list, keeps its baseline for the next round). A reactor the round put in interrupt
     * mode reports no time, as SPDK's interrupt-mode reactors update no stats. A strand's allowed reactors are those
     * whose CPU its mask holds (all without a mask). A reactor's core is its CPU's core in the group's topology
     * (gscheduler's SMT siblings); without one each reactor stands alone. Each reactor's quota limit is the group's
     * QuotaPlacement limit, or MTL's default. MTL's busy marks stay until a gather finds the reactor empty.
     */

    /** A snapshot and the strands it names, by id. */
    record Gathered(LoadSnapshot snapshot, Map<Long, Strand> strands) {}

    private final List<Reactor> reactors;
    private final int schedulingReactor;
    private final ToLongFunction<Strand> loopBudgets;
    private final boolean[] isolatedReactors;
    private final int[] cores;
    private final double quotaLimit;
    private final long[] reactorBusy;
    private final long[] reactorIdle;
    private final IdentityHashMap<Strand, long[]> strandBaseline = new IdentityHashMap<>();

    LoadGatherer(final ReactorGroup group, final BalancingConfig config) {
        this.reactors = group.reactors();
        this.schedulingReactor = config.schedulingReactor();
        this.loopBudgets = config.loopBudgets();
        final int n = reactors.size();
        isolatedReactors = new boolean[n];
        cores = new int[n];
        reactorBusy = new long[n];
        reactorIdle = new long[n];
        quotaLimit = group.placement()
                .filter(QuotaPlacement.class::isInstance)
                .map(p -> ((QuotaPlacement) p).limit())
                .orElse(QuotaPlacer.DEFAULT_LIMIT);
        for (int i = 0; i < n; i++) {
            final int cpu = reactors.get(i).cpu();
            cores[i] = group.topology()
                    .flatMap(t ->
                            t.processors().stream().filter(p -> p.id() == cpu).findFirst())
                    .map(Processor::core)
                    .orElse(-1);
            isolatedReactors[i] = config.isolated().contains(cpu);
        }
    }

    boolean isIsolated(final int reactor) {
        return isolatedReactors[reactor];
    }

    /**
     * Reads the load since the last committed gather.
     *
     * @param commit whether this reading becomes the baseline of the next
     * @param interrupted reactors the round put in interrupt mode
     * @param baseModes each reactor's mode when the round started
     * @param busyMarks MTL's busy marks, cleared here for reactors found empty when committing
     */
    Gathered gather(
            final boolean commit,
            final boolean[] interrupted,
            final ReactorMode[] baseModes,
            final Set<Integer> busyMarks) {
        final List<ReactorLoad> reactorLoads = new ArrayList<>();
        final List<StrandLoad> strandLoads = new ArrayList<>();
        final Map<Long, Strand> byId = new HashMap<>();
        final IdentityHashMap<Strand, long[]> nextBaseline = new IdentityHashMap<>();
        for (int i = 0; i < reactors.size(); i++) {
            final Reactor reactor = reactors.get(i);
            final ReactorStats stats = reactor.stats();
            long busy = Math.max(0, stats.busyNanos() - reactorBusy[i]);
            long idle = Math.max(0, stats.idleNanos() - reactorIdle[i]);
            if (commit) {
                reactorBusy[i] = stats.busyNanos();
                reactorIdle[i] = stats.idleNanos();
            }
            if (interrupted[i]) {
                busy = 0;
                idle = 0;
            }
            if (commit && reactor.strands().isEmpty()) {
                busyMarks.remove(i);
            }
            reactorLoads.add(new ReactorLoad(
                    i,
                    reactor.cpu(),
                    cores[i],
                    reactor.numaNode(),
                    busy,
                    idle,
                    isolatedReactors[i],
                    interrupted[i],
                    stats.avgNanosPerLoop(),
                    Math.min(1.0, Math.max(0.0, stats.sleepRatioPercent() / 100.0)),
                    baseModes[i] != ReactorMode.POLL,
                    busyMarks.contains(i),
                    quotaLimit));
            for (final Strand s : reactor.strands()) {
                if (byId.putIfAbsent(s.id(), s) == null) {
                    strandLoads.add(strandLoad(s, i, nextBaseline));
                }
            }
        }
        if (commit) {
            strandBaseline.forEach((s, counters) -> {
                if (!nextBaseline.containsKey(s) && !s.isClosed()) {
                    nextBaseline.put(s, counters);
                }
            });
            strandBaseline.clear();
            strandBaseline.putAll(nextBaseline);
        }
        return new Gathered(new LoadSnapshot(reactorLoads, strandLoads, schedulingReactor), byId);
    }

    private StrandLoad strandLoad(
            final Strand s, final int reactor, final IdentityHashMap<Strand, long[]> nextBaseline) {
        final StrandStats ss = s.stats();
        final long[] before = strandBaseline.getOrDefault(s, new long[3]);
        nextBaseline.put(s, new long[] {ss.busyNanos(), ss.idleNanos(), ss.deadlineMisses()});
        final int initial = s.initialReactor().map(Reactor::index).orElse(reactor);
        return new StrandLoad(
                s.id(),
                s.name(),
                reactor,
                initial,
                allowed(s),
                Math.max(0, ss.busyNanos() - before[0]),
                Math.max(0, ss.idleNanos() - before[1]),
                s.weight(),
                Math.max(0, loopBudgets.applyAsLong(s)),
                Math.max(0, ss.deadlineMisses() - before[2]));
    }

    private Set<Integer> allowed(final Strand s) {
        final Optional<CpuSet> mask = s.cpuMask();
        final Set<Integer> ids = new HashSet<>();
        for (final Reactor reactor : reactors) {
            if (mask.isEmpty() || mask.get().contains(reactor.cpu())) {
                ids.add(reactor.index());
            }
        }
        return ids;
    }
}
