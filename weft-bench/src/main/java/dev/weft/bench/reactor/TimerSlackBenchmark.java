package dev.weft.bench.reactor;

import dev.weft.platform.NativeThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What lowering the timer slack buys a reactor: the actual length of MTL's typical 300 µs sleep
 * ({@code LockSupport.parkNanos}) with Linux's default slack of 50 µs against the 1 µs weft's reactor threads take.
 * The score minus 300 µs is the oversleep. Setup checks that the slack was applied.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TimerSlackBenchmark {

    static final long SLEEP_NANOS = 300_000;

    @Param({"50000", "1000"})
    long slackNanos;

    /**
     * Applies the timer slack to the benchmark thread and checks it took.
     */
    @Setup(Level.Trial)
    public void applySlack() {
        NativeThread.setTimerSlack(slackNanos);
        final long applied = NativeThread.timerSlack();
        if (applied != slackNanos) {
            throw new IllegalStateException("timer slack is " + applied + " ns, not " + slackNanos);
        }
    }

    /**
     * Sleeps 300 µs and returns how long it really took.
     */
    @Benchmark
    public long sleep300us() {
        final long start = System.nanoTime();
        LockSupport.parkNanos(SLEEP_NANOS);
        return System.nanoTime() - start;
    }
}
