package dev.weft.balance;

import dev.weft.platform.CpuSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Places new strands on reactors by quota, as MTL places sessions on schedulers, with OpenPerf's least-loaded
 * choice as an option.
 *
 * <p><b>Implementation overview.</b> Each reactor has a quota limit in 1080p-equivalents (MTL: 12), a running total
 * and a reference count of strands. A strand asks with its weight, its NUMA node (or any) and its CPU mask (or
 * any). Candidates are the <em>active</em> reactors (those holding strands) on that node whose processor is in the
 * mask and that are neither isolated nor busy-marked:
 * <ul>
 *   <li>{@link Choice#FIRST_FIT} (MTL): the lowest id whose total is 0 or whose total plus the weight stays within
 *       the limit. A total of 0 always fits, so the first strand on a reactor fits even when it is above the limit,
 *       and a zero-weight strand fits any reactor not over its limit.</li>
 *   <li>{@link Choice#LEAST_LOADED} (OpenPerf's load map): of the reactors that fit, the one with the lowest total,
 *       the lowest id on a tie.</li>
 * </ul>
 * When no active reactor fits, the lowest-id idle reactor that matches is activated. When none matches either,
 * placement fails with a {@link PlacementException} naming the weight, node and mask. {@link #release} takes a
 * strand's weight back; a reactor whose last strand leaves is idle again (its reactor should go to interrupt
 * mode) and its busy mark is cleared, as MTL clears {@code cpu_busy} when a scheduler stops. Methods are
 * synchronized: placement happens when strands are created, never on a reactor's hot path.
 */
public final class QuotaPlacer {

    /** MTL's default limit per scheduler: 12 1080p-equivalents. */
    public static final double DEFAULT_LIMIT = 12.0;

    /** How to choose among the reactors that fit. */
    public enum Choice {
        /** MTL: the lowest reactor id that fits. */
        FIRST_FIT,
        /** OpenPerf: the reactor that fits with the lowest total. */
        LEAST_LOADED
    }

    /**
     * A reactor the placer may use.
     *
     * @param id the reactor's id
     * @param cpu its processor, or -1 when unpinned (then it matches only strands with no mask)
     * @param numaNode its NUMA node
     * @param limit its quota limit
     * @param isolated whether it takes no strands by placement
     */
    public record Slot(int id, int cpu, int numaNode, double limit, boolean isolated) {}

    /**
     * A reactor's quota as it stands.
     *
     * @param id the reactor's id
     * @param total the weights of its strands added up
     * @param strands how many strands it holds
     * @param busyMarked whether MTL's busy mark keeps new strands away
     */
    public record Usage(int id, double total, int strands, boolean busyMarked) {

        /**
         * Whether the reactor holds strands.
         *
         * @return true if active
         */
        public boolean isActive() {
            return strands > 0;
        }
    }

    private final List<Slot> slots;
    private final Choice choice;
    private final double[] totals;
    private final int[] counts;
    private final boolean[] busyMarks;

    /**
     * Creates a placer over some reactors.
     *
     * @param slots the reactors, each id once
     * @param choice how to choose among those that fit
     */
    public QuotaPlacer(final List<Slot> slots, final Choice choice) {
        this.slots = List.copyOf(slots);
        this.choice = Objects.requireNonNull(choice, "choice");
        for (int i = 0; i < this.slots.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (this.slots.get(i).id() == this.slots.get(j).id()) {
                    throw new IllegalArgumentException(
                            "reactor " + this.slots.get(i).id() + " is listed twice");
                }
            }
            if (!(this.slots.get(i).limit() >= 0)) {
                throw new IllegalArgumentException(
                        "reactor " + this.slots.get(i).id() + " has quota limit "
                                + this.slots.get(i).limit());
            }
        }
        this.totals = new double[this.slots.size()];
        this.counts = new int[this.slots.size()];
        this.busyMarks = new boolean[this.slots.size()];
    }

    /**
     * Places a strand and charges its weight.
     *
     * @param weight the strand's weight in 1080p-equivalents, not negative
     * @param numaNode its NUMA node, or -1 for any
     * @param mask the processors it may run on; empty for any
     * @return the chosen reactor's id
     * @throws PlacementException when no reactor can take it
     */
    public synchronized int place(final double weight, final int numaNode, final CpuSet mask) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("strand weight " + weight + " is not a finite number >= 0");
        }
        final List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            final Slot slot = slots.get(i);
            if (!slot.isolated()
                    && !busyMarks[i]
                    && (numaNode < 0 || slot.numaNode() == numaNode)
                    && (mask.isEmpty() || (slot.cpu() >= 0 && mask.contains(slot.cpu())))) {
                matching.add(i);
            }
        }
        final Comparator<Integer> order = choice == Choice.LEAST_LOADED
                ? Comparator.<Integer>comparingDouble(i -> totals[i])
                        .thenComparingInt(i -> slots.get(i).id())
                : Comparator.comparingInt(i -> slots.get(i).id());
        final Optional<Integer> fit = matching.stream()
                .filter(i -> counts[i] > 0
                        && (totals[i] == 0 || totals[i] + weight <= slots.get(i).limit()))
                .min(order);
        final Optional<Integer> chosen = fit.or(() -> matching.stream()
                .filter(i -> counts[i] == 0)
                .min(Comparator.comparingInt(i -> slots.get(i).id())));
        if (chosen.isEmpty()) {
            throw new PlacementException("no reactor can take a strand of weight " + weight + " on NUMA node "
                    + (numaNode < 0 ? "any" : numaNode) + " with CPU mask "
                    + (mask.isEmpty() ? "any" : mask.toList()) + ": " + matching.size()
                    + " reactors match, all full" + (matching.isEmpty() ? " (none matches)" : ""));
        }
        final int index = chosen.get();
        totals[index] += weight;
        counts[index]++;
        return slots.get(index).id();
    }

    /**
     * Charges a strand to a reactor chosen elsewhere (an explicit placement, or the target of a move); the limit
     * is not checked, since the strand is there whether it fits or not.
     *
     * @param reactorId the reactor
     * @param weight the strand's weight, finite and not negative
     * @return true if the reactor held no strand before and is now active
     */
    public synchronized boolean charge(final int reactorId, final double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("strand weight " + weight + " is not a finite number >= 0");
        }
        final int index = indexOf(reactorId);
        totals[index] += weight;
        counts[index]++;
        return counts[index] == 1;
    }

    /**
     * Takes a strand's weight back from its reactor.
     *
     * @param reactorId the reactor the strand was placed on
     * @param weight the weight it was placed with
     * @return true if the reactor holds no strand any more and should go to interrupt mode
     * @throws IllegalStateException if the reactor holds no strand
     */
    public synchronized boolean release(final int reactorId, final double weight) {
        final int index = indexOf(reactorId);
        if (counts[index] == 0) {
            throw new IllegalStateException("reactor " + reactorId + " holds no strand to release");
        }
        counts[index]--;
        totals[index] = counts[index] == 0 ? 0 : Math.max(0, totals[index] - weight);
        if (counts[index] == 0) {
            busyMarks[index] = false;
            return true;
        }
        return false;
    }

    /**
     * Sets MTL's busy mark: the reactor takes no new strands until its last strand leaves.
     *
     * @param reactorId the reactor
     */
    public synchronized void markBusy(final int reactorId) {
        busyMarks[indexOf(reactorId)] = true;
    }

    /**
     * Returns a reactor's quota as it stands.
     *
     * @param reactorId the reactor
     * @return its usage
     */
    public synchronized Usage usage(final int reactorId) {
        final int index = indexOf(reactorId);
        return new Usage(reactorId, totals[index], counts[index], busyMarks[index]);
    }

    private int indexOf(final int reactorId) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).id() == reactorId) {
                return i;
            }
        }
        throw new IllegalArgumentException("reactor " + reactorId + " is not known to the placer");
    }
}
