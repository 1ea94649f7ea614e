package dev.weft.balance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * SPDK's {@code static} scheduler, its default: every strand stays on, or goes back to, its initial reactor, and
 * no reactor is in interrupt mode.
 *
 * <p><b>Implementation overview.</b> The policy is not periodic: the round runs it once when it is chosen
 * (re-enabling it after {@code dynamic} restores the initial placement, which SPDK's code does although its
 * documentation still says static cannot be re-enabled) and once after each change of {@code mappings}.
 * {@code mappings} is SPDK's {@code "strand:reactor,strand:reactor"} text; empty pairs (a stray comma) are skipped,
 * as SPDK's tokenizer skips them. Every pair is checked before any takes effect (all or nothing): the strand id
 * must be above 0 and exist, the reactor must exist and be allowed by the strand's mask. Accepted mappings replace
 * those strands' initial reactors for good.
 */
public final class StaticBalancer implements Balancer {

    /** The name {@code framework_set_scheduler} takes. */
    public static final String NAME = "static";

    private final Map<Long, Integer> initialOverrides;

    /** Creates the policy with no mappings. */
    public StaticBalancer() {
        this(Map.of());
    }

    private StaticBalancer(final Map<Long, Integer> initialOverrides) {
        this.initialOverrides = Map.copyOf(initialOverrides);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean periodic() {
        return false;
    }

    @Override
    public Map<String, Object> options() {
        return Map.of();
    }

    /**
     * Returns the initial reactors set by {@code mappings}.
     *
     * @return strand id → reactor id
     */
    public Map<Long, Integer> mappings() {
        return initialOverrides;
    }

    @Override
    public StaticBalancer withOptions(final Map<String, Object> changes, final LoadSnapshot current) {
        Options.requireKnown(NAME, changes, Set.of("mappings"));
        if (!changes.containsKey("mappings")) {
            return this;
        }
        if (!(changes.get("mappings") instanceof String text)) {
            throw new IllegalArgumentException("balancer 'static' option 'mappings' must be a string like "
                    + "\"1:0,2:3\", not " + changes.get("mappings"));
        }
        final Map<Long, Integer> parsed = new LinkedHashMap<>();
        for (final String pair : text.split(",", -1)) {
            if (pair.isBlank()) {
                continue;
            }
            final String[] parts = pair.split(":", -1);
            if (parts.length != 2) {
                throw mappingError(text, "'" + pair + "' is not strand:reactor");
            }
            final long strandId;
            final int reactorId;
            try {
                strandId = Long.parseLong(parts[0].strip());
                reactorId = Integer.parseInt(parts[1].strip());
            } catch (final NumberFormatException e) {
                throw mappingError(text, "'" + pair + "' is not two numbers");
            }
            if (strandId <= 0) {
                throw mappingError(text, "strand id " + strandId + " is not above 0");
            }
            final StrandLoad strand =
                    current.strand(strandId).orElseThrow(() -> mappingError(text, "there is no strand " + strandId));
            if (current.reactor(reactorId).isEmpty()) {
                throw mappingError(text, "there is no reactor " + reactorId);
            }
            if (!strand.allowedReactors().contains(reactorId)) {
                throw mappingError(text, "strand " + strandId + " may not run on reactor " + reactorId);
            }
            parsed.put(strandId, reactorId);
        }
        final Map<Long, Integer> merged = new HashMap<>(initialOverrides);
        merged.putAll(parsed);
        return new StaticBalancer(merged);
    }

    @Override
    public BalancePlan balance(final LoadSnapshot snapshot) {
        final Map<Long, Integer> moves = new LinkedHashMap<>();
        for (final StrandLoad strand : snapshot.strands()) {
            final int home = initialOverrides.getOrDefault(strand.id(), strand.initialReactor());
            final boolean isolatedEnd =
                    snapshot.reactor(home).map(ReactorLoad::isolated).orElse(true)
                            || snapshot.reactor(strand.reactor())
                                    .map(ReactorLoad::isolated)
                                    .orElse(true);
            if (home != strand.reactor()
                    && !isolatedEnd
                    && strand.allowedReactors().contains(home)) {
                moves.put(strand.id(), home);
            }
        }
        final Map<Integer, Boolean> modes = new LinkedHashMap<>();
        snapshot.reactors().forEach(r -> modes.put(r.id(), false));
        return new BalancePlan(moves, modes, Map.of(), Set.of());
    }

    private static IllegalArgumentException mappingError(final String text, final String fault) {
        return new IllegalArgumentException(
                "balancer 'static' mappings '" + text + "' rejected: " + fault + "; none applied");
    }
}
