package dev.weft.fork.config;

/**
 * A victim relation of a {@link ConfigurationPlan}: the scheduler {@code thief}'s idle workers steal from the
 * scheduler {@code victim}.
 *
 * @param thief the name of the stealing scheduler
 * @param victim the name of the scheduler stolen from
 */
public record VictimEdge(String thief, String victim) {}
