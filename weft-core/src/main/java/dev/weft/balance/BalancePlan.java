package dev.weft.balance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a balancer wants done after one round: strand moves, reactor modes, frequency requests and MTL busy marks.
 * The round applies it at loop boundaries; a plan itself changes nothing.
 *
 * @param moves strand id → target reactor id, only for strands that change reactor, in decision order
 * @param interruptModes reactor id → whether it should be in interrupt mode; reactors not listed keep their mode
 * @param frequencies reactor id → frequency action for its core, in decision order
 * @param busyMarks reactors to mark busy (MTL: they take no new strands until they restart)
 */
public record BalancePlan(
        Map<Long, Integer> moves,
        Map<Integer, Boolean> interruptModes,
        Map<Integer, FrequencyAction> frequencies,
        Set<Integer> busyMarks) {

    /** The plan that changes nothing. */
    public static final BalancePlan NONE = new BalancePlan(Map.of(), Map.of(), Map.of(), Set.of());

    /**
     * Copies the maps, keeping their order.
     *
     * @param moves strand moves
     * @param interruptModes reactor modes
     * @param frequencies frequency actions
     * @param busyMarks busy marks
     */
    public BalancePlan {
        moves = unmodifiableCopy(moves);
        interruptModes = unmodifiableCopy(interruptModes);
        frequencies = unmodifiableCopy(frequencies);
        busyMarks = Set.copyOf(busyMarks);
    }

    /**
     * Returns where every strand of the snapshot is after this plan's moves.
     *
     * @param snapshot the snapshot the plan was made from
     * @return strand id → reactor id, in the snapshot's strand order
     */
    public Map<Long, Integer> placementAfter(final LoadSnapshot snapshot) {
        final Map<Long, Integer> placement = new LinkedHashMap<>();
        for (final StrandLoad strand : snapshot.strands()) {
            placement.put(strand.id(), moves.getOrDefault(strand.id(), strand.reactor()));
        }
        return placement;
    }

    /**
     * Returns the strand ids on a reactor after this plan's moves.
     *
     * @param snapshot the snapshot the plan was made from
     * @param reactorId a reactor id
     * @return the strand ids there
     */
    public List<Long> strandsOnAfter(final LoadSnapshot snapshot, final int reactorId) {
        return placementAfter(snapshot).entrySet().stream()
                .filter(e -> e.getValue() == reactorId)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static <K, V> Map<K, V> unmodifiableCopy(final Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
