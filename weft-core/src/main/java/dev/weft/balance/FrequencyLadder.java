package dev.weft.balance;

import java.util.List;

/**
 * One core's frequency steps and its position on them: the shared arithmetic of the step operations. Steps are held
 * highest first, as cpufreq lists them, so "up" is a lower index.
 */
final class FrequencyLadder {

    private final List<Long> steps;
    private int index;

    FrequencyLadder(final List<Long> stepsHighestFirst, final long current) {
        if (stepsHighestFirst.isEmpty()) {
            throw new IllegalArgumentException("a core needs at least one frequency");
        }
        this.steps = List.copyOf(stepsHighestFirst);
        int nearest = 0;
        for (int i = 1; i < steps.size(); i++) {
            if (Math.abs(steps.get(i) - current) < Math.abs(steps.get(nearest) - current)) {
                nearest = i;
            }
        }
        this.index = nearest;
    }

    List<Long> steps() {
        return steps;
    }

    long current() {
        return steps.get(index);
    }

    int moveTo(final int newIndex) {
        final int bounded = Math.max(0, Math.min(steps.size() - 1, newIndex));
        if (bounded == index) {
            return 0;
        }
        index = bounded;
        return 1;
    }

    int up() {
        return moveTo(index - 1);
    }

    int down() {
        return moveTo(index + 1);
    }

    int max() {
        return moveTo(0);
    }

    int min() {
        return moveTo(steps.size() - 1);
    }
}
