package dev.weft.balance;

import dev.weft.platform.CpuSet;
import dev.weft.reactor.Placement;
import dev.weft.reactor.Reactor;
import dev.weft.reactor.ReactorMode;
import dev.weft.reactor.Strand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Quota placement for a {@link dev.weft.reactor.ReactorGroup}: new strands go where a {@link QuotaPlacer} says (MTL
 * first fit by weight on the strand's NUMA node and CPU mask, or OpenPerf's least loaded), and reactors follow
 * their strands in and out of interrupt mode.
 *
 * <p><b>Implementation overview.</b> One {@link QuotaPlacer} slot per reactor, with the reactor's index as id, its CPU
 * (pinned or nominal, the CPU strand masks are checked against) and NUMA node, and one limit for all. The group
 * reports every strand it adds, every completed move and every close: {@link #place} and {@link #placed} charge the
 * strand's weight, {@link #moved} releases it on the source and charges the target, {@link #left} releases it.
 * When a release leaves a reactor without strands it goes to {@link ReactorMode#INTERRUPT} (MTL stops an unused
 * scheduler); when a charge activates a reactor that this placement had put to interrupt, it gets back the mode it
 * had when the placement was made. Every method is synchronized so that the charge and the mode change of one
 * event are not interleaved with another's; none blocks, so reactor threads may call them.
 */
public final class QuotaPlacement implements Placement {

    private final List<Reactor> reactors;
    private final QuotaPlacer placer;
    private final ReactorMode[] baseModes;
    private final boolean[] parked;
    private final double limit;

    private QuotaPlacement(final List<Reactor> reactors, final QuotaPlacer.Choice choice, final double limit) {
        this.reactors = List.copyOf(reactors);
        this.limit = limit;
        final List<QuotaPlacer.Slot> slots = new ArrayList<>();
        this.baseModes = new ReactorMode[this.reactors.size()];
        this.parked = new boolean[this.reactors.size()];
        for (final Reactor reactor : this.reactors) {
            slots.add(new QuotaPlacer.Slot(reactor.index(), reactor.cpu(), reactor.numaNode(), limit, false));
            baseModes[reactor.index()] = reactor.mode();
        }
        this.placer = new QuotaPlacer(slots, choice);
    }

    /**
     * Returns a factory for {@code ReactorGroupBuilder.placement}.
     *
     * @param choice first fit (MTL) or least loaded (OpenPerf)
     * @param limit each reactor's quota in 1080p-equivalents ({@link QuotaPlacer#DEFAULT_LIMIT} in MTL)
     * @return the factory
     * @throws IllegalArgumentException if the limit is negative or not a number
     */
    public static Function<List<Reactor>, Placement> of(final QuotaPlacer.Choice choice, final double limit) {
        Objects.requireNonNull(choice, "choice");
        if (!(limit >= 0) || Double.isInfinite(limit)) {
            throw new IllegalArgumentException("quota limit " + limit + " is not a finite number >= 0");
        }
        return reactors -> new QuotaPlacement(reactors, choice, limit);
    }

    /**
     * Returns the quota every reactor has, in 1080p-equivalents; the balancing round gives it to MTL's move target.
     *
     * @return the limit
     */
    public double limit() {
        return limit;
    }

    /**
     * Returns a reactor's quota as it stands.
     *
     * @param reactorIndex the reactor's index
     * @return its usage
     */
    public QuotaPlacer.Usage usage(final int reactorIndex) {
        return placer.usage(reactorIndex);
    }

    @Override
    public synchronized Reactor place(final Strand strand) {
        final int index = placer.place(
                strand.weight(), strand.numaNode(), strand.cpuMask().orElse(CpuSet.empty()));
        activated(index, placer.usage(index).strands() == 1);
        return reactors.get(index);
    }

    @Override
    public synchronized void placed(final Strand strand, final Reactor reactor) {
        activated(reactor.index(), placer.charge(reactor.index(), strand.weight()));
    }

    @Override
    public synchronized void moved(final Strand strand, final Reactor from, final Reactor to) {
        released(from.index(), placer.release(from.index(), strand.weight()));
        activated(to.index(), placer.charge(to.index(), strand.weight()));
    }

    @Override
    public synchronized void left(final Strand strand, final Reactor from) {
        released(from.index(), placer.release(from.index(), strand.weight()));
    }

    private void activated(final int index, final boolean first) {
        if (first && parked[index]) {
            parked[index] = false;
            reactors.get(index).mode(baseModes[index]);
        }
    }

    private void released(final int index, final boolean empty) {
        if (empty) {
            parked[index] = true;
            reactors.get(index).mode(ReactorMode.INTERRUPT);
        }
    }
}
