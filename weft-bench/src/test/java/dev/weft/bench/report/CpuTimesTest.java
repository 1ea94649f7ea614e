package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuTimesTest {

    private static final String PROC_STAT = """
            cpu  4201790 68697 616755 5228851 2573 0 45356 5610 0 0
            cpu0 2100000 34000 308000 2614000 1200 0 22000 2800 0 0
            intr 1 2 3
            """;

    /** A process whose name holds a space and a parenthesis; utime 150, stime 50, cutime 700, cstime 100. */
    private static final String SELF_STAT =
            "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 700 100 20" + " 0 30 0 123 456 789\n";

    @Test
    void readsTheMachinesTimesAndThisProcessesWithItsReapedChildren() {
        final CpuTimes times = CpuTimes.parse(PROC_STAT, SELF_STAT);
        final long machine = 4201790L + 68697 + 616755 + 5228851 + 2573 + 0 + 45356 + 5610;
        assertThat(times.machineTicks()).isEqualTo(machine);
        assertThat(times.busyTicks()).as("idle and iowait left out, steal kept").isEqualTo(machine - 5228851 - 2573);
        assertThat(times.ownTicks()).isEqualTo(150 + 50 + 700 + 100);
    }

    @Test
    void othersShareIsTheBusyTimeNotSpentByThisProcessOrItsChildren() {
        final CpuTimes before = new CpuTimes(10_000, 1_000, 500);
        final CpuTimes after = new CpuTimes(12_000, 2_900, 2_200);
        assertThat(CpuTimes.othersShare(before, after))
                .as("1,900 busy ticks of 2,000, 1,700 of them this run's")
                .isEqualTo(0.1);
        assertThat(CpuTimes.othersShare(before, new CpuTimes(12_000, 1_500, 2_200)))
                .as("children reaped late cannot make it negative")
                .isZero();
        assertThat(CpuTimes.othersShare(CpuTimes.UNKNOWN, after)).isNaN();
        assertThat(CpuTimes.othersShare(before, before)).isNaN();
    }

    @Test
    void aTextWithoutTheExpectedFieldsIsNamed() {
        assertThatThrownBy(() -> CpuTimes.parse("intr 1 2\n", SELF_STAT)).hasMessageContaining("/proc/stat");
        assertThatThrownBy(() -> CpuTimes.parse(PROC_STAT, "1 (x) S 1 2")).hasMessageContaining("/proc/self/stat");
    }

    @Test
    void readsThisMachineWhereProcExists() {
        final CpuTimes now = CpuTimes.now();
        if (!now.equals(CpuTimes.UNKNOWN)) {
            assertThat(now.machineTicks()).isPositive();
            assertThat(now.busyTicks()).isBetween(0L, now.machineTicks());
            assertThat(now.ownTicks()).isNotNegative();
        }
    }
}
