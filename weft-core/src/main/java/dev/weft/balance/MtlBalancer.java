package dev.weft.balance;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MTL's admin migration ({@code mt_admin.c}): once a period (MTL: 6 s; the round's period is the caller's), move
 * at most one busy strand off the busiest-looking reactor.
 *
 * <p><b>Implementation overview.</b>
 * <ol>
 *   <li><b>Busy score</b> of a strand: its reactor's average loop time against the strand's loop budget, in
 *       percent ({@code avgLoopNanos * 100 / loopBudgetNanos}, MTL's {@code avg_ns_per_loop / bulk / trs * 100});
 *       forced to 100 when the strand missed more than 10 deadlines in the period (MTL's build timeouts). A strand
 *       with no budget scores 0. A strand is busy above 95.</li>
 *   <li><b>Candidate reactors</b> hold strands, are not isolated, and may have busy strands: they cannot sleep
 *       (poll mode) or they slept less than 70% of the time. Upstream's {@code mt_sch_has_busy} reads
 *       {@code !allow_sleep || sleep_ratio_score > 70}, which picks the reactors that sleep the <em>most</em>;
 *       a reactor asleep over 70% of the time has slack by definition, and the function's name and its use (find
 *       a reactor too busy for its sessions) say the opposite was meant, so weft uses {@code < 70}.</li>
 *   <li>In each candidate the <b>last</b> busy strand is its pick; the source is the last candidate with a pick,
 *       and it gets the sticky <b>busy mark</b> (no new strands until it empties), even when the move is then
 *       skipped, as upstream does.</li>
 *   <li><b>Skip</b> when the strand's weight is at least the source's total: it is the only heavy strand there and
 *       moving it would only move the problem.</li>
 *   <li>The <b>target</b> is chosen like a quota placement on the source's NUMA node within the strand's mask,
 *       leaving out the source and busy-marked reactors: the first active reactor whose total is 0 or has room for
 *       the weight, else the first idle reactor (which the move activates). No target means no move.</li>
 * </ol>
 */
public final class MtlBalancer implements Balancer {

    /** The name {@code framework_set_scheduler} takes. */
    public static final String NAME = "mtl";

    /** MTL's admin period. */
    public static final long DEFAULT_PERIOD_MICROS = 6_000_000;

    private static final long BUSY_SCORE = 95;
    private static final long FORCED_SCORE = 100;
    private static final long DEADLINE_MISS_LIMIT = 10;
    private static final double SLEEP_RATIO_LIMIT = 0.70;

    /** Creates the policy. */
    public MtlBalancer() {}

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Returns a strand's busy score on a reactor, in percent.
     *
     * @param strand the strand
     * @param reactor the reactor it runs on
     * @return the score; above 95 is busy
     */
    public static long busyScore(final StrandLoad strand, final ReactorLoad reactor) {
        if (strand.deadlineMisses() > DEADLINE_MISS_LIMIT) {
            return FORCED_SCORE;
        }
        return strand.loopBudgetNanos() == 0 ? 0 : reactor.avgLoopNanos() * 100 / strand.loopBudgetNanos();
    }

    @Override
    public BalancePlan balance(final LoadSnapshot snapshot) {
        ReactorLoad source = null;
        StrandLoad pick = null;
        for (final ReactorLoad reactor : snapshot.reactors()) {
            final List<StrandLoad> strands = snapshot.strandsOn(reactor.id());
            if (strands.isEmpty()
                    || reactor.isolated()
                    || (reactor.allowSleep() && reactor.sleepRatio() >= SLEEP_RATIO_LIMIT)) {
                continue;
            }
            for (final StrandLoad strand : strands) {
                if (busyScore(strand, reactor) > BUSY_SCORE) {
                    source = reactor;
                    pick = strand;
                }
            }
        }
        if (source == null) {
            return BalancePlan.NONE;
        }
        final Set<Integer> marks = Set.of(source.id());
        final double sourceTotal = total(snapshot, source.id());
        if (pick.weight() >= sourceTotal) {
            return new BalancePlan(Map.of(), Map.of(), Map.of(), marks);
        }
        final Optional<ReactorLoad> target = target(snapshot, source, pick);
        if (target.isEmpty()) {
            return new BalancePlan(Map.of(), Map.of(), Map.of(), marks);
        }
        return new BalancePlan(
                Map.of(pick.id(), target.get().id()), Map.of(target.get().id(), false), Map.of(), marks);
    }

    private static Optional<ReactorLoad> target(
            final LoadSnapshot snapshot, final ReactorLoad source, final StrandLoad strand) {
        final List<ReactorLoad> eligible = snapshot.reactors().stream()
                .filter(r -> r.id() != source.id()
                        && !r.isolated()
                        && !r.busyMarked()
                        && r.numaNode() == source.numaNode()
                        && strand.allowedReactors().contains(r.id()))
                .toList();
        final Optional<ReactorLoad> active = eligible.stream()
                .filter(r -> !snapshot.strandsOn(r.id()).isEmpty())
                .filter(r -> {
                    final double total = total(snapshot, r.id());
                    return total == 0 || total + strand.weight() <= r.quotaLimit();
                })
                .findFirst();
        return active.or(() -> eligible.stream()
                .filter(r -> snapshot.strandsOn(r.id()).isEmpty())
                .findFirst());
    }

    private static double total(final LoadSnapshot snapshot, final int reactorId) {
        return snapshot.strandsOn(reactorId).stream()
                .mapToDouble(StrandLoad::weight)
                .sum();
    }
}
