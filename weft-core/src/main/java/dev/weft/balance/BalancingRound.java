package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorGroup;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import dev.weft.reactor.Tasklet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * SPDK's scheduling round on a started {@link ReactorGroup}: every period, on the scheduling reactor, gather the
 * load since the last round into a {@link LoadSnapshot}, ask the current {@link Balancer} for a
 * {@link BalancePlan}, and apply it. Started with {@link #start(ReactorGroup, BalancingConfig)}; switched at run
 * time with {@link #setBalancer}, with the rules of SPDK's {@code framework_set_scheduler}.
 *
 * <p>Thread-safety: every method may be called from any thread except the group's reactor threads ({@link #start},
 * {@link #close} and waiting on {@link #setBalancer}'s future block). Readings ({@link #info}, {@link #governor})
 * are published snapshots. Errors: bad settings are {@link IllegalArgumentException}s naming the setting; a
 * balancer that cannot install its governor is an {@link IllegalStateException}, and changes nothing.
 */
public final class BalancingRound implements AutoCloseable {

    /*
     * Implementation overview.
     *
     * Where it runs. The round owns one internal strand (StrandBuilder#internal: SPDK's methods do not list it, as
     * SPDK's scheduler is no thread), masked to the scheduling reactor's CPU, so no policy moves it. It carries a
     * timed tasklet with the period. Every field marked "round state" is read and written only on that strand, so
     * the round needs no lock: run-time changes are messages to the strand, and what readers see is the immutable
     * BalancingInfo and the governor reference published after each change.
     *
     * Gather (LoadGatherer), balance (the pure Balancer), apply in SPDK's order: reactor modes first (interrupt for a
     * reactor the plan empties, back to the mode it had when the round started otherwise), then moves through
     * ReactorGroup.move, performed by the owning reactor at its next loop boundary (a move into or out of an
     * isolated reactor is refused and logged, as SPDK's _threads_reschedule does), then frequency actions to the
     * installed governor, if any (a governor failure is logged and the round goes on). Each switch and move is told
     * to the BalancingListener.
     *
     * Switching (framework_set_scheduler). The period is the round's, not the balancer's: 0 keeps the current
     * one, or sets 1,000,000 µs when that is 0, and it survives switches. Each balancer keeps its options across
     * switches (SPDK keeps them in the module), starting from the configuration's presets. The name is resolved,
     * the options checked and the governor installed before anything else changes, so a failed call changes nothing
     * (SPDK switches first and may then fail on the options, and sets the period even when the switch fails). The
     * same name again keeps the balancer (no re-init) and still applies the options. Choosing another balancer
     * drops the old one's governor and installs the new one's (gscheduler: required, failing the switch and putting
     * the old governor back; dynamic: if it can), then runs a round at once and restarts the period from it, and
     * the switch completes when that round's moves are done: SPDK's round runs on the next reactor iteration when
     * the last one is older than the period, which it always is after static. A non-periodic balancer (static) runs
     * once when chosen and once after each mappings change, after which the period reads 0, as SPDK's static sets
     * it.
     */

    /** SPDK's default period, µs. */
    public static final long DEFAULT_PERIOD_MICROS = BalancingConfig.DEFAULT_PERIOD_MICROS;

    private static final System.Logger LOG = System.getLogger(BalancingRound.class.getName());
    private static final String STRAND_NAME = "balancing-round";

    private final ReactorGroup group;
    private final BalancingConfig config;
    private final List<Reactor> reactors;
    private final Reactor home;
    private final Strand strand;
    private final LoadGatherer gatherer;

    // round state: only the round's strand touches these after start
    private final Map<String, Balancer> configured = new HashMap<>();
    private final Set<Integer> busyMarks = new HashSet<>();
    private final ReactorMode[] baseModes;
    private final boolean[] interrupted;
    private Balancer balancer;
    private long periodMicros;
    private Tasklet timer;

    private volatile Governor governor;
    private volatile BalancingInfo info;
    private volatile long rounds;

    private BalancingRound(final ReactorGroup group, final BalancingConfig config) {
        this.group = group;
        this.config = config;
        this.reactors = group.reactors();
        this.home = reactors.get(config.schedulingReactor());
        this.strand = Strand.builder(STRAND_NAME)
                .cpuMask(CpuSet.of(home.cpu()))
                .weight(0)
                .internal()
                .build();
        this.gatherer = new LoadGatherer(group, config);
        this.baseModes = new ReactorMode[reactors.size()];
        this.interrupted = new boolean[reactors.size()];
        configured.putAll(config.presets());
    }

    /**
     * Attaches the round's strand to the scheduling reactor and starts the rounds; returns once the first balancer
     * is in place (and has run once if it is not periodic).
     *
     * @param group the running group to balance
     * @param config the balancer, period, scheduling options and the rest
     * @return the running round
     * @throws IllegalStateException if the group is not running, or the first balancer needs a governor and none
     *     can be installed
     * @throws IllegalArgumentException if the scheduling options do not fit the group
     */
    public static BalancingRound start(final ReactorGroup group, final BalancingConfig config) {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(config, "config").checkFor(group);
        if (!group.isStarted() || group.isStopped()) {
            throw new IllegalStateException(
                    "reactor group '" + group.name() + "' is not running; start it " + "before its balancing round");
        }
        final BalancingRound round = new BalancingRound(group, config);
        group.add(round.strand, round.home).join();
        final CompletableFuture<Void> ready = round.onStrand(() -> {
            round.begin();
            return CompletableFuture.completedFuture(null);
        });
        try {
            ready.join();
        } catch (final RuntimeException e) {
            group.remove(round.strand).join();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return round;
    }

    /**
     * Returns what {@code framework_get_scheduler} reports.
     *
     * @return the latest reading
     */
    public BalancingInfo info() {
        return info;
    }

    /**
     * Returns the governor the current balancer installed ({@code framework_get_governor}), if any.
     *
     * @return the governor, or empty
     */
    public Optional<Governor> governor() {
        return Optional.ofNullable(governor);
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
     * Switches or reconfigures the balancer at run time, with SPDK's {@code framework_set_scheduler} rules (see the
     * implementation overview).
     *
     * @param name the balancer's name
     * @param periodMicros the period in µs, or 0 to keep the current one (1,000,000 when that is 0)
     * @param options option name → value, checked all together before any change
     * @return a future that completes with the new reading once a switch's first round has moved its strands, or
     *     with an {@link IllegalArgumentException} naming the unknown balancer or the faulty option, or an
     *     {@link IllegalStateException} when the balancer cannot install its governor; then nothing changed
     * @throws IllegalArgumentException if the period is negative or over {@link BalancingConfig#MAX_PERIOD_MICROS}
     * @throws RejectedExecutionException once the round is closed
     */
    public CompletableFuture<BalancingInfo> setBalancer(
            final String name, final long periodMicros, final Map<String, Object> options) {
        Objects.requireNonNull(name, "name");
        final Map<String, Object> changes = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        BalancingConfig.checkPeriod(periodMicros);
        return onStrand(() -> switchTo(name, periodMicros, changes));
    }

    /**
     * Stops the rounds, puts the reactors the round switched to interrupt mode back into their mode, closes the
     * governor and removes the round's strand. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (strand.isClosed()) {
            return;
        }
        final CompletableFuture<Void> restored;
        try {
            restored = onStrand(() -> {
                restoreModes();
                return CompletableFuture.completedFuture(null);
            });
        } catch (final RejectedExecutionException e) {
            return;
        }
        restored.join();
        group.remove(strand).join();
    }

    /** Runs a step on the round's strand; its result completes the future, its failure fails it. */
    private <T> CompletableFuture<T> onStrand(final Supplier<CompletableFuture<T>> step) {
        final CompletableFuture<T> result = new CompletableFuture<>();
        strand.execute(() -> {
            try {
                step.get().whenComplete((value, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(value);
                    }
                });
            } catch (final RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    // ---- on the round's strand ----

    private void begin() {
        assert home.inReactorThread() : "begin off the scheduling reactor";
        for (int i = 0; i < reactors.size(); i++) {
            baseModes[i] = reactors.get(i).mode();
        }
        gather(true);
        balancer = config.balancer();
        installGovernor(balancer, null);
        configured.put(balancer.name(), balancer);
        setPeriod(config.periodMicros(), false);
        if (!balancer.periodic()) {
            runRound();
        }
        publish();
    }

    private CompletableFuture<BalancingInfo> switchTo(
            final String name, final long requestedPeriod, final Map<String, Object> changes) {
        assert home.inReactorThread() : "switchTo off the scheduling reactor";
        final boolean chosen = !name.equals(balancer.name());
        Balancer next = chosen ? configured.getOrDefault(name, null) : balancer;
        if (next == null) {
            next = Balancers.of(name);
        }
        if (!changes.isEmpty()) {
            next = next.withOptions(changes, gather(false).snapshot());
        }
        if (chosen) {
            installGovernor(next, balancer);
        }
        final long period =
                requestedPeriod != 0 ? requestedPeriod : periodMicros == 0 ? DEFAULT_PERIOD_MICROS : periodMicros;
        balancer = next;
        configured.put(name, next);
        CompletableFuture<Void> moved = CompletableFuture.completedFuture(null);
        if (chosen || (!next.periodic() && changes.containsKey("mappings"))) {
            setPeriod(period, true);
            moved = runRound();
        } else {
            setPeriod(period, false);
        }
        publish();
        final BalancingInfo reading = info;
        return moved.handle((ignored, failure) -> reading);
    }

    /**
     * Drops the previous balancer's governor and installs the next one's, as SPDK's deinit and init do; when the
     * next one requires a governor and none can be opened, the previous one's is put back and the switch fails.
     */
    private void installGovernor(final Balancer next, final Balancer previous) {
        final Governor old = governor;
        if (old != null) {
            closeQuietly(old);
            governor = null;
        }
        if (next.governorNeed() == Balancer.GovernorNeed.NONE) {
            return;
        }
        try {
            governor = Objects.requireNonNull(config.governors().open(), "the governor provider returned null");
        } catch (final RuntimeException e) {
            if (next.governorNeed() == Balancer.GovernorNeed.OPTIONAL) {
                LOG.log(
                        System.Logger.Level.INFO,
                        "balancer ''{0}'' runs without a governor: {1}",
                        next.name(),
                        e.getMessage());
                return;
            }
            if (old != null && previous != null) {
                reopenQuietly(previous);
            }
            throw new IllegalStateException(
                    "balancer '" + next.name() + "' cannot install its governor: " + e.getMessage(), e);
        }
    }

    private void reopenQuietly(final Balancer previous) {
        try {
            governor = config.governors().open();
        } catch (final RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "balancer ''{0}'' lost its governor: {1}",
                    previous.name(),
                    e.getMessage());
        }
    }

    private static void closeQuietly(final Governor old) {
        try {
            old.close();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "governor '" + old.name() + "' did not close cleanly", e);
        }
    }

    private void setPeriod(final long micros, final boolean restart) {
        if (!restart && micros == periodMicros && (timer != null) == (micros > 0)) {
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
    private CompletableFuture<Void> runRound() {
        final LoadGatherer.Gathered gathered = gather(true);
        final BalancePlan plan = balancer.balance(gathered.snapshot());
        final CompletableFuture<Void> moved = apply(plan, gathered);
        rounds = rounds + 1;
        if (!balancer.periodic()) {
            setPeriod(0, false);
            publish();
        }
        return moved;
    }

    private LoadGatherer.Gathered gather(final boolean commit) {
        return gatherer.gather(commit, interrupted, baseModes, busyMarks);
    }

    private CompletableFuture<Void> apply(final BalancePlan plan, final LoadGatherer.Gathered gathered) {
        plan.interruptModes().forEach((index, wantInterrupt) -> {
            final Reactor reactor = reactors.get(index);
            if (wantInterrupt != interrupted[index]) {
                final ReactorMode before = reactor.mode();
                final ReactorMode after = wantInterrupt ? ReactorMode.INTERRUPT : baseModes[index];
                reactor.mode(after, "balancer " + balancer.name());
                interrupted[index] = wantInterrupt;
                tell(() -> config.listener().modeSwitched(reactor, before, after, balancer.name()));
            }
        });
        final List<CompletableFuture<Void>> moves = new ArrayList<>();
        plan.moves().forEach((id, target) -> moves.add(move(gathered, id, target)));
        final Governor active = governor;
        if (active != null) {
            plan.frequencies().forEach((index, action) -> {
                try {
                    active.apply(reactors.get(index).cpu(), action);
                } catch (final RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "governor '" + active.name() + "' failed " + action + " on CPU "
                                    + reactors.get(index).cpu(),
                            e);
                }
            });
        }
        busyMarks.addAll(plan.busyMarks());
        return CompletableFuture.allOf(moves.toArray(CompletableFuture[]::new));
    }

    /** Asks the group for one move; the future completes when the move is done or refused, never exceptionally. */
    private CompletableFuture<Void> move(final LoadGatherer.Gathered gathered, final long id, final int target) {
        final Strand s = gathered.strands().get(id);
        final int from = gathered.snapshot().strand(id).map(StrandLoad::reactor).orElse(target);
        if (gatherer.isIsolated(from) || gatherer.isIsolated(target)) {
            LOG.log(
                    System.Logger.Level.ERROR,
                    "balancer ''{0}'' moved strand {1} from reactor {2} to {3}; "
                            + "moves into or out of an isolated reactor are refused",
                    balancer.name(),
                    s,
                    from,
                    target);
            return CompletableFuture.completedFuture(null);
        }
        final BalancingListener.MoveEnd end = ask(
                () -> config.listener().moveRequested(s, reactors.get(from), reactors.get(target), balancer.name()));
        return group.move(s, reactors.get(target), "balancer " + balancer.name())
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        LOG.log(
                                System.Logger.Level.DEBUG,
                                "balancing round: move of " + s + " did not happen",
                                failure);
                    }
                    tell(() -> end.ended(failure == null));
                    return null;
                });
    }

    private static void tell(final Runnable call) {
        try {
            call.run();
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "balancing listener failed", e);
        }
    }

    private static BalancingListener.MoveEnd ask(final Supplier<BalancingListener.MoveEnd> call) {
        try {
            return Objects.requireNonNullElse(call.get(), BalancingListener.MoveEnd.IGNORED);
        } catch (final RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "balancing listener failed", e);
            return BalancingListener.MoveEnd.IGNORED;
        }
    }

    private void restoreModes() {
        assert home.inReactorThread() : "restoreModes off the scheduling reactor";
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
        final Governor old = governor;
        if (old != null) {
            governor = null;
            closeQuietly(old);
        }
    }

    private void publish() {
        info = new BalancingInfo(
                balancer.name(),
                periodMicros,
                config.isolated(),
                config.schedulingReactor(),
                Optional.ofNullable(governor).map(Governor::name),
                balancer.options());
    }
}
