package dev.weft.balance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The frequency ladders of the processors one governor manages, with the lookups and report they share. */
final class ManagedCores {

    private final String governor;
    private final String env;
    private final Map<Integer, FrequencyLadder> ladders;

    ManagedCores(final String governor, final String env, final Map<Integer, FrequencyLadder> ladders) {
        this.governor = governor;
        this.env = env;
        this.ladders = Map.copyOf(ladders);
    }

    FrequencyLadder ladder(final int cpu) {
        final FrequencyLadder ladder = ladders.get(cpu);
        if (ladder == null) {
            throw new IllegalArgumentException("CPU " + cpu + " is not managed by the " + governor + " governor; it "
                    + "manages " + new TreeSet<>(ladders.keySet()));
        }
        return ladder;
    }

    Map<String, Object> info() {
        final Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", governor);
        info.put("env", env);
        final Map<String, Object> frequencies = new LinkedHashMap<>();
        new TreeMap<>(ladders).forEach((cpu, ladder) -> frequencies.put(String.valueOf(cpu), ladder.current()));
        info.put("current_frequencies_khz", frequencies);
        return info;
    }
}
