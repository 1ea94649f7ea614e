package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.platform.Processor;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.ReactorStats;
import dev.weft.reactor.Strand;
import dev.weft.reactor.StrandStats;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * SPDK's scheduling round on a started {@link ReactorGroup}: every period, on the scheduling reactor, gather the
 * load since the last round into a {@link LoadSnapshot}, ask the current {@link Balancer} for a
 * {@link BalancePlan}, and apply it.
 *
 * <p><b>Implementation overview.</b>
 * <ul>
 *   <li><b>Where it runs.</b> The round owns one strand, {@code balancing-round}, masked to the scheduling
 *       reactor's CPU (SPDK's {@code scheduling_core}, reactor 0 unless {@link #schedulingOptions} chose another
 *       before {@link #start()}). The strand carries a timed tasklet with the period; every field below marked
 *       "round state" is read and written only on that strand, so the round needs no lock: run-time changes
 *       ({@link #setBalancer}) are messages to the strand, and what readers see is the immutable
 *       {@link BalancingInfo} published after each change. The strand appears in the snapshot like SPDK's
 *       {@code app_thread} on the main core; its mask keeps every policy from moving it.</li>
 *   <li><b>Gather.</b> Busy and idle are <em>deltas</em> since the previous round, from the cumulative counters of
 *       each reactor and each strand (a strand's counters travel with it, so a moved strand's delta stays right,
 *       and a strand caught between two reactors, on neither list, keeps its baseline for the next round). A
 *       reactor the round put in interrupt mode reports no time, as SPDK's interrupt-mode reactors update no
 *       stats; a policy then treats it as able to take any strand. A strand's allowed reactors are those whose CPU
 *       its mask holds (all without a mask); isolated reactors are those whose CPU is in the isolated set. A
 *       reactor's core is its CPU's core in the topology the group was built from (gscheduler's SMT siblings);
 *       without one, or for a CPU the topology does not list, each reactor stands alone.
 *       MTL's figures come from the reactors' own windows (average loop time over 2 s, sleep ratio over 5 s) and
 *       from the loop budgets given by {@link #loopBudgets}, and the deadline misses strands report
 *       ({@link Strand#missedDeadline()}) give MTL's forced score. Each reactor's quota limit is the group's
 *       {@link QuotaPlacement#limit()}, so that a move fills a reactor no further than placement would; a group
 *       placed otherwise gets MTL's default, {@link QuotaPlacer#DEFAULT_LIMIT}.</li>
 *   <li><b>Apply</b>, in SPDK's order: reactor modes first (interrupt for a reactor the plan empties, back to the
 *       mode it had when the round started otherwise), then moves through {@link ReactorGroup#move}, performed by
 *       the owning reactor at its next loop boundary; each switch and move is told to the
 *       {@link BalancingListener}, if one was given; a move into or out of an isolated reactor is refused and
 *       logged, as SPDK's {@code _threads_reschedule} does. Frequency actions go to the {@link Governor} if one
 *       was given, and are dropped otherwise; a governor failure is logged and the round goes on. MTL's busy
 *       marks stay until a round finds the reactor without strands.</li>
 *   <li><b>Switching</b> ({@code framework_set_scheduler}): the name is resolved and the options checked before
 *       anything changes, so a failed call changes nothing (SPDK switches first and may then fail on the
 *       options). The same name again keeps the balancer (no re-init) and still applies the options. A period of
 *       0 keeps the current one, or sets 1,000,000 µs when the current one is 0. A non-periodic balancer
 *       ({@code static}) runs once when chosen and once after each {@code mappings} change, after which the
 *       period reads 0, as SPDK's does after static's balance.</li>
 *   <li><b>Period 0</b> given before start turns the periodic round off; a non-periodic initial balancer still
 *       runs once at start. A periodic balancer's first round comes one period after it is chosen (SPDK's first
 *       round runs at once, on load gathered since start-up; here the first deltas would cover only the moments
 *       since the switch).</li>
 * </ul>
 */
public final class BalancingRound implements AutoCloseable {

    /** SPDK's default period, µs. */
    public static final long DEFAULT_PERIOD_MICROS = 1_000_000;

    /** The longest period, µs: one day. */
    public static final long MAX_PERIOD_MICROS = 86_400_000_000L;

    private static final System.Logger LOG = System.getLogger(BalancingRound.class.getName());
    private static final String STRAND_NAME = "balancing-round";

    private final ReactorGroup group;
    private final List<Reactor> reactors;
    private int schedulingReactor;
    private CpuSet isolated = CpuSet.empty();
    private Governor governor;
    private Balancer initialBalancer = new StaticBalancer();
    private long initialPeriodMicros = DEFAULT_PERIOD_MICROS;
    private ToLongFunction<Strand> loopBudgets = strand -> 0;
    private BalancingListener listener = BalancingListener.NONE;
    private boolean started;
    private Strand strand;

    // round state: only the round's strand touches these after start
    private Balancer balancer;
    private long periodMicros;
    private Tasklet timer;
    private ReactorMode[] baseModes;
    private boolean[] interrupted;
    private boolean[] isolatedReactors;
    private long[] reactorBusy;
    private int[] cores;
    private double quotaLimit;
    private long[] reactorIdle;
    private final IdentityHashMap<Strand, long[]> strandBaseline = new IdentityHashMap<>();
    private final Set<Integer> busyMarks = new HashSet<>();

    private volatile BalancingInfo info;
    private volatile long rounds;

    private BalancingRound(final ReactorGroup group) {
        this.group = Objects.requireNonNull(group, "group");
        this.reactors = group.reactors();
    }

    /**
     * Creates a round for a group, not yet running: balancer {@code static}, period 1 s, scheduling reactor 0, no
     * isolated reactors, no governor.
     *
     * @param group the group to balance
     * @return the round
     */
    public static BalancingRound on(final ReactorGroup group) {
        return new BalancingRound(group);
    }

    /**
     * Sets the scheduling reactor and the isolated CPUs ({@code scheduler_set_options}); only before start.
     *
     * @param reactorIndex the index of the reactor that runs the round and gathers idle strands
     * @param isolatedCpus CPUs of reactors that take no moves in or out; every one must be a reactor's CPU, and
     *     not the scheduling reactor's
     * @return this round
     * @throws IllegalStateException once started
     * @throws IllegalArgumentException naming the reactor or CPU at fault
     */
    public synchronized BalancingRound schedulingOptions(final int reactorIndex, final CpuSet isolatedCpus) {
        requireNotStarted("scheduling options");
        Objects.requireNonNull(isolatedCpus, "isolatedCpus");
        if (reactorIndex < 0 || reactorIndex >= reactors.size()) {
            throw new IllegalArgumentException("scheduling reactor " + reactorIndex + " is outside [0, "
                    + reactors.size() + ")");
        }
        final CpuSet.Builder all = new CpuSet.Builder();
        reactors.forEach(r -> all.add(r.cpu()));
        final CpuSet reactorCpus = all.build();
        if (!reactorCpus.containsAll(isolatedCpus)) {
            throw new IllegalArgumentException("isolated CPUs " + isolatedCpus.toList() + " include "
                    + isolatedCpus.minus(reactorCpus).toList() + ", which no reactor of group '" + group.name()
                    + "' runs on (reactor CPUs: " + reactorCpus.toList() + ")");
        }
        if (isolatedCpus.contains(reactors.get(reactorIndex).cpu())) {
            throw new IllegalArgumentException("scheduling reactor " + reactorIndex + " (CPU "
                    + reactors.get(reactorIndex).cpu() + ") may not be isolated");
        }
        this.schedulingReactor = reactorIndex;
        this.isolated = isolatedCpus;
        return this;
    }

    /**
     * Sets the governor that receives frequency actions; only before start. Without one they are dropped.
     *
     * @param frequencyGovernor the governor
     * @return this round
     * @throws IllegalStateException once started
     */
    public synchronized BalancingRound governor(final Governor frequencyGovernor) {
        requireNotStarted("the governor");
        this.governor = Objects.requireNonNull(frequencyGovernor, "governor");
        return this;
    }

    /**
     * Sets each strand's loop budget, the loop time per item it can stand, from which {@code mtl} scores it busy
     * ({@link StrandLoad#loopBudgetNanos()}); only before start. Without it every budget is 0 and {@code mtl} finds
     * no busy strand.
     *
     * @param budgets strand → budget in nanoseconds, 0 for a strand never migrated for being busy; called on the
     *     scheduling reactor at each round, so it must be quick and must not block
     * @return this round
     * @throws IllegalStateException once started
     */
    public synchronized BalancingRound loopBudgets(final ToLongFunction<Strand> budgets) {
        requireNotStarted("loop budgets");
        this.loopBudgets = Objects.requireNonNull(budgets, "budgets");
        return this;
    }

    /**
     * Sets who hears of the mode switches and moves the round makes; only before start.
     *
     * @param observer the listener; it runs on reactor threads, so it must be quick and must not block
     * @return this round
     * @throws IllegalStateException once started
     */
    public synchronized BalancingRound listener(final BalancingListener observer) {
        requireNotStarted("the listener");
        this.listener = Objects.requireNonNull(observer, "listener");
        return this;
    }

    /**
     * Sets the balancer and period the round starts with; only before start.
     *
     * @param first the balancer
     * @param periodMicros the period in µs; 0 turns the periodic round off
     * @return this round
     * @throws IllegalStateException once started
     * @throws IllegalArgumentException if the period is negative or over {@link #MAX_PERIOD_MICROS}
     */
    public synchronized BalancingRound initial(final Balancer first, final long periodMicros) {
        requireNotStarted("the initial balancer");
        checkPeriod(periodMicros);
        this.initialBalancer = Objects.requireNonNull(first, "balancer");
        this.initialPeriodMicros = periodMicros;
        return this;
    }

    /**
     * Attaches the round's strand to the scheduling reactor and starts the rounds; returns once the first
     * balancer is in place. Do not call it on a reactor thread of the group.
     *
     * @return this round
     * @throws IllegalStateException if the round was started before or the group is not running
     */
    public BalancingRound start() {
        final Reactor home;
        synchronized (this) {
            requireNotStarted("start");
            if (!group.isStarted() || group.isStopped()) {
                throw new IllegalStateException("reactor group '" + group.name() + "' is not running; start it "
                        + "before its balancing round");
            }
            started = true;
            home = reactors.get(schedulingReactor);
            strand = Strand.builder(STRAND_NAME).cpuMask(CpuSet.of(home.cpu())).weight(0).build();
        }
        group.add(strand, home).join();
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        strand.execute(() -> {
            try {
                begin();
                ready.complete(null);
            } catch (final RuntimeException e) {
                ready.completeExceptionally(e);
            }
        });
        ready.join();
        return this;
    }

    /**
     * Returns what {@code framework_get_scheduler} reports.
     *
     * @return the latest reading
     * @throws IllegalStateException before start
     */
    public BalancingInfo info() {
        final BalancingInfo now = info;
        if (now == null) {
            throw new IllegalStateException("the balancing round of group '" + group.name() + "' is not started");
        }
        return now;
    }

    /**
     * Returns how many rounds have run.
     *
     * @return the count
     */
    public long rounds() {
        return rounds;
    }

    /**
     * Switches or reconfigures the balancer at run time, with SPDK's {@code framework_set_scheduler} rules (see
     * the class comment).
     *
     * @param name the balancer's name
     * @param periodMicros the period in µs, or 0 to keep the current one (1,000,000 when that is 0)
     * @param options option name → value, checked all together before any change
     * @return a future that completes with the new reading, or with an {@link IllegalArgumentException} naming the
     *     unknown balancer or the faulty option, in which case nothing changed
     * @throws IllegalArgumentException if the period is negative or over {@link #MAX_PERIOD_MICROS}
     * @throws IllegalStateException before start
     * @throws RejectedExecutionException once the round is closed
     */
    public CompletableFuture<BalancingInfo> setBalancer(final String name, final long periodMicros,
            final Map<String, Object> options) {
        Objects.requireNonNull(name, "name");
        final Map<String, Object> changes = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        checkPeriod(periodMicros);
        final Strand own = startedStrand();
        final CompletableFuture<BalancingInfo> result = new CompletableFuture<>();
        own.execute(() -> {
            try {
                result.complete(switchTo(name, periodMicros, changes));
            } catch (final RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Stops the rounds, puts the reactors the round switched to interrupt mode back into their mode, and removes
     * the round's strand. Do not call it on a reactor thread of the group; calling it again does nothing.
     */
    @Override
    public void close() {
        final Strand own;
        synchronized (this) {
            own = strand;
        }
        if (own == null || own.isClosed()) {
            return;
        }
        final CompletableFuture<Void> restored = new CompletableFuture<>();
        try {
            own.execute(() -> {
                restoreModes();
                restored.complete(null);
            });
        } catch (final RejectedExecutionException e) {
            return;
        }
        restored.join();
        group.remove(own).join();
    }

    // ---- on the round's strand ----

    private void begin() {
        final int n = reactors.size();
        baseModes = new ReactorMode[n];
        interrupted = new boolean[n];
        isolatedReactors = new boolean[n];
        reactorBusy = new long[n];
        reactorIdle = new long[n];
        cores = new int[n];
        quotaLimit = group.placement().filter(QuotaPlacement.class::isInstance)
                .map(p -> ((QuotaPlacement) p).limit()).orElse(QuotaPlacer.DEFAULT_LIMIT);
        for (int i = 0; i < n; i++) {
            final int cpu = reactors.get(i).cpu();
            cores[i] = group.topology().flatMap(t -> t.processors().stream().filter(p -> p.id() == cpu).findFirst())
                    .map(Processor::core).orElse(-1);
            baseModes[i] = reactors.get(i).mode();
            isolatedReactors[i] = isolated.contains(reactors.get(i).cpu());
        }
        gather(true);
        balancer = initialBalancer;
        periodMicros = 0;
        setPeriod(initialPeriodMicros);
        if (!balancer.periodic()) {
            runRound();
        }
        publish();
    }

    private BalancingInfo switchTo(final String name, final long requestedPeriod, final Map<String, Object> changes) {
        final boolean chosen = !name.equals(balancer.name());
        Balancer next = chosen ? Balancers.of(name) : balancer;
        if (!changes.isEmpty()) {
            next = next.withOptions(changes, gather(false).snapshot());
        }
        final long period = requestedPeriod != 0 ? requestedPeriod
                : periodMicros == 0 ? DEFAULT_PERIOD_MICROS : periodMicros;
        balancer = next;
        setPeriod(period);
        if (!next.periodic() && (chosen || changes.containsKey("mappings"))) {
            runRound();
        }
        publish();
        return info;
    }

    private void setPeriod(final long micros) {
        if (micros == periodMicros && (timer != null) == (micros > 0)) {
            return;
        }
        if (timer != null) {
            strand.remove(timer).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.WARNING, "balancing round: old timer not removed", failure);
                }
            });
            timer = null;
        }
        periodMicros = micros;
        if (micros > 0) {
            timer = Tasklet.timed(STRAND_NAME, Duration.ofNanos(micros * 1_000L), () -> {
                runRound();
                return 1;
            });
            strand.add(timer);
        }
    }

    @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the round's strand
    private void runRound() {
        final Gathered gathered = gather(true);
        final BalancePlan plan = balancer.balance(gathered.snapshot);
        apply(plan, gathered);
        rounds = rounds + 1;
        if (!balancer.periodic()) {
            setPeriod(0);
            publish();
        }
    }

    private record Gathered(LoadSnapshot snapshot, Map<Long, Strand> strands) {
    }

    private Gathered gather(final boolean commit) {
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
            final boolean empty = reactor.strands().isEmpty();
            if (commit && empty) {
                busyMarks.remove(i);
            }
            reactorLoads.add(new ReactorLoad(i, reactor.cpu(), cores[i], reactor.numaNode(), busy, idle,
                    isolatedReactors[i], interrupted[i], stats.avgNanosPerLoop(),
                    Math.min(1.0, Math.max(0.0, stats.sleepRatioPercent() / 100.0)), baseModes[i] != ReactorMode.POLL,
                    busyMarks.contains(i), quotaLimit));
            for (final Strand s : reactor.strands()) {
                if (byId.putIfAbsent(s.id(), s) != null) {
                    continue;
                }
                final StrandStats ss = s.stats();
                final long[] before = strandBaseline.getOrDefault(s, new long[3]);
                nextBaseline.put(s, new long[] {ss.busyNanos(), ss.idleNanos(), ss.deadlineMisses()});
                final int initial = s.initialReactor().map(Reactor::index).orElse(i);
                strandLoads.add(new StrandLoad(s.id(), s.name(), i, initial, allowed(s),
                        Math.max(0, ss.busyNanos() - before[0]), Math.max(0, ss.idleNanos() - before[1]),
                        s.weight(), Math.max(0, loopBudgets.applyAsLong(s)),
                        Math.max(0, ss.deadlineMisses() - before[2])));
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

    private void apply(final BalancePlan plan, final Gathered gathered) {
        plan.interruptModes().forEach((index, wantInterrupt) -> {
            final Reactor reactor = reactors.get(index);
            if (wantInterrupt != interrupted[index]) {
                final ReactorMode before = reactor.mode();
                final ReactorMode after = wantInterrupt ? ReactorMode.INTERRUPT : baseModes[index];
                reactor.mode(after, "balancer " + balancer.name());
                interrupted[index] = wantInterrupt;
                tell(() -> listener.modeSwitched(reactor, before, after, balancer.name()));
            }
        });
        plan.moves().forEach((id, target) -> {
            final Strand s = gathered.strands.get(id);
            final int from = gathered.snapshot.strand(id).map(StrandLoad::reactor).orElse(target);
            if (isolatedReactors[from] || isolatedReactors[target]) {
                LOG.log(System.Logger.Level.ERROR, "balancer ''{0}'' moved strand {1} from reactor {2} to {3}; "
                        + "moves into or out of an isolated reactor are refused", balancer.name(), s, from, target);
                return;
            }
            final BalancingListener.MoveEnd end = ask(() -> listener.moveRequested(s, reactors.get(from),
                    reactors.get(target), balancer.name()));
            group.move(s, reactors.get(target), "balancer " + balancer.name()).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.log(System.Logger.Level.DEBUG, "balancing round: move of " + s + " did not happen",
                            failure);
                }
                tell(() -> end.ended(failure == null));
            });
        });
        if (governor != null) {
            plan.frequencies().forEach((index, action) -> {
                try {
                    governor.apply(reactors.get(index).cpu(), action);
                } catch (final RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "governor '" + governor.name() + "' failed " + action
                            + " on CPU " + reactors.get(index).cpu(), e);
                }
            });
        }
        busyMarks.addAll(plan.busyMarks());
    }

    private void tell(final Runnable call) {
        try {
            call.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "balancing listener failed", e);
        }
    }

    private BalancingListener.MoveEnd ask(final Supplier<BalancingListener.MoveEnd> call) {
        try {
            return Objects.requireNonNullElse(call.get(), BalancingListener.MoveEnd.IGNORED);
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "balancing listener failed", e);
            return BalancingListener.MoveEnd.IGNORED;
        }
    }

    private void restoreModes() {
        if (timer != null) {
            strand.remove(timer);
            timer = null;
        }
        for (int i = 0; i < interrupted.length; i++) {
            if (interrupted[i]) {
                reactors.get(i).mode(baseModes[i]);
                interrupted[i] = false;
            }
        }
    }

    private void publish() {
        info = new BalancingInfo(balancer.name(), periodMicros, isolated, schedulingReactor,
                Optional.ofNullable(governor).map(Governor::name), balancer.options());
    }

    private synchronized Strand startedStrand() {
        if (!started) {
            throw new IllegalStateException("the balancing round of group '" + group.name() + "' is not started");
        }
        return strand;
    }

    private static void checkPeriod(final long micros) {
        if (micros < 0 || micros > MAX_PERIOD_MICROS) {
            throw new IllegalArgumentException("period " + micros + " µs is outside [0, " + MAX_PERIOD_MICROS + "]");
        }
    }

    private void requireNotStarted(final String what) {
        if (started) {
            throw new IllegalStateException("the balancing round of group '" + group.name() + "' is started; "
                    + what + " can only be set before start");
        }
    }
}
