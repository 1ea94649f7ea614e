/**
 * Balancing and placement (MTL, OpenPerf, SPDK): the pure policies that read a
 * {@link dev.weft.balance.LoadSnapshot} of reactor and strand load and return a {@link dev.weft.balance.BalancePlan}
 * of strand moves, reactor modes, frequency requests and busy marks — SPDK's {@code static}, {@code dynamic} and
 * {@code gscheduler}, and MTL's admin migration — and the {@link dev.weft.balance.QuotaPlacer} that places new
 * strands by quota (MTL first fit, or OpenPerf's least loaded), and the {@link dev.weft.balance.Governor} SPI
 * with SPDK's frequency operations: {@link dev.weft.balance.CpufreqGovernor} over Linux sysfs,
 * {@link dev.weft.balance.SimulatedGovernor} for machines without cpufreq, and no governor at all, with which
 * every balancer still runs (its frequency requests are then dropped); a {@link dev.weft.balance.GovernorProvider}
 * opens one when a balancer that uses it is chosen. The policies touch no running reactor: the
 * {@link dev.weft.balance.BalancingRound} (SPDK's scheduling round), started with an immutable
 * {@link dev.weft.balance.BalancingConfig}, gathers their snapshots from a running
 * {@link dev.weft.reactor.ReactorGroup} on its scheduling reactor, applies their plans at loop boundaries, switches
 * them at run time with {@code framework_set_scheduler}'s rules, reports a {@link dev.weft.balance.BalancingInfo},
 * and tells a {@link dev.weft.balance.BalancingListener} of each mode switch and move its balancer makes.
 *
 * <p>How this package fits with the others, and the upstream names of its types: {@code docs/ARCHITECTURE.md} in
 * weft's repository.
 */
package dev.weft.balance;
