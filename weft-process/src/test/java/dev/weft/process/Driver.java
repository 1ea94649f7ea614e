package dev.weft.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Drives a {@link ProcessScheduler} from the test thread as a main loop would: {@code run()}, then
 * {@code awaitWork()}, until a condition holds or a generous limit passes. Records every outcome by id and checks
 * that no id gets two.
 */
final class Driver implements OutcomeHandler {

    static final Duration LIMIT = Duration.ofSeconds(90);

    private final Map<Long, Outcome> outcomes = new HashMap<>();
    private final List<Outcome> inOrder = new ArrayList<>();
    private ProcessScheduler scheduler;

    /**
     * Attaches the scheduler to drive.
     *
     * @param driven the scheduler
     * @return the scheduler
     */
    ProcessScheduler drive(final ProcessScheduler driven) {
        this.scheduler = driven;
        return driven;
    }

    @Override
    public void onOutcome(final Outcome outcome) {
        final Outcome previous = outcomes.put(outcome.id(), outcome);
        assertThat(previous)
                .as("second outcome for task %d: %s after %s", outcome.id(), outcome, previous)
                .isNull();
        inOrder.add(outcome);
    }

    /**
     * Runs the loop until the condition holds.
     *
     * @param condition the condition
     * @throws AssertionError if it does not hold within {@link #LIMIT}
     */
    void until(final BooleanSupplier condition) throws InterruptedException {
        final long end = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - end)
                    .as("condition not reached within %s; outcomes %s", LIMIT, inOrder)
                    .isNegative();
            scheduler.run();
            if (!condition.getAsBoolean()) {
                scheduler.awaitWork(Duration.ofMillis(100));
            }
        }
    }

    /**
     * Runs the loop until the task has its outcome and returns it.
     *
     * @param id the task
     * @return its outcome
     */
    Outcome await(final long id) throws InterruptedException {
        until(() -> outcomes.containsKey(id));
        return outcomes.get(id);
    }

    /**
     * Returns the outcome of a task, if reached.
     *
     * @param id the task
     * @return the outcome or {@code null}
     */
    Outcome outcome(final long id) {
        return outcomes.get(id);
    }

    /**
     * Returns all outcomes in delivery order.
     *
     * @return the outcomes
     */
    List<Outcome> inOrder() {
        return inOrder;
    }

    /**
     * Returns how many outcomes arrived.
     *
     * @return the count
     */
    int count() {
        return outcomes.size();
    }
}
