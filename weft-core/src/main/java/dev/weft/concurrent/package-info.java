/**
 * What weft's executors share to implement {@link java.util.concurrent.ScheduledExecutorService}: their common base
 * ({@link dev.weft.concurrent.WeftExecutorService}, with JDK 25's {@code submitWithTimeout}), the scheduled future both
 * return ({@link dev.weft.concurrent.ScheduledTask}, one-shot, fixed rate or fixed delay, as
 * {@code ScheduledThreadPoolExecutor}'s) and the policy for delayed tasks at shutdown
 * ({@link dev.weft.concurrent.DelayedTaskPolicy}). The executors themselves are
 * {@link dev.weft.fork.ForkExecutorService} (a lazily started delay scheduler per executor, as JDK 25's
 * {@code ForkJoinPool}) and {@link dev.weft.reactor.ReactorExecutorService} (the reactors' own timers).
 */
package dev.weft.concurrent;
