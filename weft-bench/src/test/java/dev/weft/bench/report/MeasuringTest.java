package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuringTest {

    @Test
    void aCleanRunHasNoProblem() {
        assertThat(Measuring.problem(0, "WARNING: a JVM warning\n", "Benchmark  Mode  Cnt  Score   Error  Units\n"))
                .isEmpty();
    }

    @Test
    void theFirstErrorLineIsTheProblemWithTheExitStatus() {
        final String err = "WARNING: x\nException in thread \"main\" java.lang.IllegalStateException: not every "
                + "tasklet ran\n\tat dev.weft.Foo\nCaused by: java.io.IOException: later\n";
        assertThat(Measuring.problem(1, err, ""))
                .isEqualTo("exit 1: Exception in thread \"main\" "
                        + "java.lang.IllegalStateException: not every tasklet ran");
        assertThat(Measuring.problem(2, "", "")).isEqualTo("exit 2");
        assertThat(Measuring.problem(0, "java.lang.OutOfMemoryError\n", "")).isEqualTo("java.lang.OutOfMemoryError");
    }

    @Test
    void aJmhFailureOnStandardOutputIsReportedEvenWhenJmhExitsCleanly() {
        final String out = "# Run progress\n<failure>\n\njava.lang.AssertionError: wrong answer\n";
        assertThat(Measuring.problem(0, "", out)).isEqualTo("<failure>");
    }
}
