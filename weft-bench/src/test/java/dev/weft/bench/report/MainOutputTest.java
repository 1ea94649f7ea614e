package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainOutputTest {

    @Test
    void idleCostGivesOneMeasurementPerScenario() {
        final List<Measurement> idle = MainOutput.idleCost(Resources.text("idle-cost.out"), "cmd");
        assertThat(idle)
                .extracting(Measurement::name)
                .containsExactly(
                        "idle.weft-sleep",
                        "idle.weft-sleep-50us",
                        "idle.weft-interrupt",
                        "idle.agrona-backoff",
                        "idle.park-floor");
        assertThat(idle.getFirst().metrics().get("cpu")).isEqualTo(Figure.of(8.367, "% of a core"));
        assertThat(idle.getFirst().metrics().get("sleeps").value()).isEqualTo(1676);
        assertThat(idle.get(3).metrics()).as("agrona prints - for sleeps").containsOnlyKeys("cpu");
        assertThat(idle.getFirst().command()).isEqualTo("cmd");
    }

    @Test
    void idleCostReadsADecimalCommaAndSkipsOtherLines() {
        final String text = """
                WARNING: something the JVM said
                scenario          cpu %core     sleeps/s
                weft-sleep           1,250%         1000
                """;
        final List<Measurement> idle = MainOutput.idleCost(text, "cmd");
        assertThat(idle).hasSize(1);
        assertThat(idle.getFirst().metrics().get("cpu").value()).isEqualTo(1.25);
    }

    @Test
    void dispatchCpuGivesEachLoopPerTaskletCount() {
        final String text = """
                tasklets         weft       agrona    ratio    weftExact         hand    ratio
                1                41.5         37.9    1.095        120.1        118.0    1.018
                256            4210,0       4105.5    1.025       9000.0       8800.0    1.023
                """;
        final List<Measurement> dispatch = MainOutput.dispatchCpu(text, "cmd");
        assertThat(dispatch)
                .extracting(Measurement::name)
                .containsExactly(
                        "dispatch-cpu.weft-1",
                        "dispatch-cpu.agrona-1",
                        "dispatch-cpu.weftExact-1",
                        "dispatch-cpu.hand-1",
                        "dispatch-cpu.weft-256",
                        "dispatch-cpu.agrona-256",
                        "dispatch-cpu.weftExact-256",
                        "dispatch-cpu.hand-256");
        assertThat(dispatch.get(1).metrics().get("ns").value()).isEqualTo(37.9);
        assertThat(dispatch.get(3).metrics().get("ns").value()).isEqualTo(118.0);
        assertThat(dispatch.get(4).metrics().get("ns").value()).isEqualTo(4210.0);
    }

    @Test
    void virtualThreadEchoGivesEachWayAndClientCount() {
        final String text = """
                WARNING: a JVM warning
                vthread-echo weft-1 p50=31.2 p99=80.0 cpu=12.50 us
                vthread-echo default-16 p50=150,5 p99=900.1 cpu=14.00 us
                vthread-echo weft-16 p50=77.9 p99=1181.7 cpu=15.01 us pollers=1.51 us
                """;
        final List<Measurement> echo = MainOutput.virtualThreadEcho(text, "cmd");
        assertThat(echo)
                .extracting(Measurement::name)
                .containsExactly("vthread-echo.weft-1", "vthread-echo.default-16", "vthread-echo.weft-16");
        assertThat(echo.getFirst().metrics().get("p99").value()).isEqualTo(80.0);
        assertThat(echo.get(1).metrics().get("p50").value()).isEqualTo(150.5);
        assertThat(echo.get(1).metrics().get("cpu").value()).isEqualTo(14.0);
        assertThat(echo.get(1).metrics()).doesNotContainKey("pollers");
        assertThat(echo.get(2).metrics().get("pollers").value()).isEqualTo(1.51);
        assertThat(echo.get(2).metrics().get("cpu").value()).isEqualTo(15.01);
    }

    @Test
    void rpcServeCpuReadsTheMediansLineAndSkipsTheRounds() {
        final String text = """
                round 1: serving threads' CPU 0.040 ms/s without requests, 16.900 ms/s with 100.0 requests/s
                requests/s   serving us CPU/request  share of one core %  echo us CPU/request  echo share %
                100.0                         167.4                1.674                 41.0        0.410
                """;
        final List<Measurement> serve = MainOutput.rpcServeCpu(text, "cmd");
        assertThat(serve).extracting(Measurement::name).containsExactly("rpc-serve-cpu.weft", "rpc-serve-cpu.echo");
        assertThat(serve.getFirst().metrics().get("micros").value()).isEqualTo(167.4);
        assertThat(serve.getFirst().metrics().get("share").value()).isEqualTo(1.674);
        assertThat(serve.get(1).metrics().get("micros").value()).isEqualTo(41.0);
    }

    @Test
    void rpcReactorThroughputReadsTheMediansLineAndSkipsTheRounds() {
        final String text = """
                round 1: work units/s quiet 2252221, serving weft 2230589 (99.04% kept), serving the echo server \
                2246524 (99.75% kept)
                requests/s        weft % kept      echo % kept      weft lowest     weft highest
                99.7                    99.21            99,80            98.10           100.40
                """;
        final List<Measurement> kept = MainOutput.rpcReactorThroughput(text, "cmd");
        assertThat(kept)
                .extracting(Measurement::name)
                .containsExactly("rpc-reactor-throughput.weft", "rpc-reactor-throughput.echo");
        assertThat(kept.getFirst().metrics().get("kept").value()).isEqualTo(99.21);
        assertThat(kept.getFirst().metrics().get("lowest").value()).isEqualTo(98.10);
        assertThat(kept.getFirst().metrics().get("highest").value()).isEqualTo(100.40);
        assertThat(kept.get(1).metrics().get("kept").value()).isEqualTo(99.80);
    }

    @Test
    void balancingGivesEachPolicysCpuAndWork() {
        final List<Measurement> policies = MainOutput.balancing(Resources.text("balancing.out"), "cmd");
        assertThat(policies).extracting(Measurement::name).containsExactly("balance.static", "balance.dynamic");
        final Measurement dynamic = policies.get(1);
        assertThat(dynamic.metrics().get("cpu").value()).isEqualTo(326);
        assertThat(dynamic.metrics().get("cores").value()).isCloseTo(0.16, within(1e-9));
        assertThat(dynamic.metrics().get("work").value()).isEqualTo(1_830_616);
        assertThat(dynamic.metrics().get("due").value()).isEqualTo(1_485_080);
    }

    @Test
    void processLatencyNamesEachDistributionBySlug() {
        final List<Measurement> lines = MainOutput.processLatency(Resources.text("process-latency.out"), "cmd");
        assertThat(lines)
                .extracting(Measurement::name)
                .containsExactly(
                        "process-latency.warm-worker-run-spinning",
                        "process-latency.warm-worker-awaitwork-sleeping",
                        "process-latency.fresh-java-per-task-anchor",
                        "process-latency.fork-exec-bin-true-anchor",
                        "process-latency.kill-lateness-past-a-200-ms-deadline");
        final Measurement warm = lines.getFirst();
        assertThat(warm.metrics().get("n").value()).isEqualTo(20_000);
        assertThat(warm.metrics().get("p50")).isEqualTo(Figure.of(102.5, "us"));
        assertThat(warm.metrics().get("p99").value()).isEqualTo(23625.7);
        assertThat(warm.metrics().get("max").value()).isEqualTo(232390.7);
    }

    @Test
    void nothingRecognisableGivesNothing() {
        assertThat(MainOutput.idleCost("Exception in thread \"main\"", "cmd")).isEmpty();
        assertThat(MainOutput.balancing("", "cmd")).isEmpty();
        assertThat(MainOutput.processLatency("ratio p50: fresh java / warm = 25380x", "cmd"))
                .isEmpty();
    }

    @Test
    void slugKeepsLettersAndDigits() {
        assertThat(MainOutput.slug("fork/exec /bin/true (anchor)")).isEqualTo("fork-exec-bin-true-anchor");
        assertThat(MainOutput.slug("  Warm worker, run() spinning ")).isEqualTo("warm-worker-run-spinning");
    }
}
