package dev.weft.bench.platform;

import dev.weft.platform.NativeThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What it costs a reactor to learn which CPU it runs on, each pass of its loop: weft's {@code sched_getcpu} through
 * FFM against what plain Java offers, reading field 39 ({@code processor}) of {@code /proc/thread-self/stat}.
 *
 * <p>Setup checks that both ways name a CPU the thread may run on, so neither is timed returning nonsense. The
 * ratio to report is {@code procfs / ffm} (how many times cheaper the FFM call is).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class CurrentCpuBenchmark {

    private static final Path STAT = Path.of("/proc/thread-self/stat");

    /** Creates the state; JMH calls this. */
    public CurrentCpuBenchmark() {}

    /**
     * Verifies both ways before anything is timed.
     *
     * @throws IOException if procfs cannot be read
     */
    @Setup
    public void verify() throws IOException {
        final int ffm = NativeThread.currentCpu();
        final int procfs = procfsCpu();
        if (!NativeThread.currentThreadAffinity().contains(ffm)
                || !NativeThread.currentThreadAffinity().contains(procfs)) {
            throw new IllegalStateException("a CPU outside the affinity: ffm=" + ffm + " procfs=" + procfs);
        }
    }

    /**
     * weft: {@code sched_getcpu} bound as a critical FFM call.
     *
     * @return the current CPU
     */
    @Benchmark
    public int ffm() {
        return NativeThread.currentCpu();
    }

    /**
     * The plain-Java way: parse {@code /proc/thread-self/stat}.
     *
     * @return the current CPU
     * @throws IOException if procfs cannot be read
     */
    @Benchmark
    public int procfs() throws IOException {
        return procfsCpu();
    }

    private static int procfsCpu() throws IOException {
        final String stat = Files.readString(STAT);
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[36]);
    }
}
