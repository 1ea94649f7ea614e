package dev.weft.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.fork.MicroScheduler;
import dev.weft.fork.WorkerPool;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The workloads give their known answers sequentially, on weft and on ForkJoinPool. */
class WorkloadsTest {

    private static WorkerPool pool;
    private static MicroScheduler scheduler;
    private static ForkJoinPool forkJoin;

    @BeforeAll
    static void start() {
        pool = WorkerPool.start(2);
        scheduler = MicroScheduler.start(pool);
        forkJoin = new ForkJoinPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdown();
        forkJoin.close();
    }

    @Test
    void theHandWrittenSha1MatchesTheJdks() throws Exception {
        final SplittableRandom random = new SplittableRandom(4);
        for (int round = 0; round < 200; round++) {
            final int[] state = {
                random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()
            };
            final int index = random.nextInt(100);
            final ByteBuffer message = ByteBuffer.allocate(24);
            for (final int word : state) {
                message.putInt(word);
            }
            message.putInt(index);
            final ByteBuffer jdk =
                    ByteBuffer.wrap(MessageDigest.getInstance("SHA-1").digest(message.array()));
            final int[] mine = new int[5];
            Sha1.childState(state[0], state[1], state[2], state[3], state[4], index, mine);
            for (int i = 0; i < 5; i++) {
                assertThat(mine[i]).isEqualTo(jdk.getInt());
            }
        }
        final ByteBuffer root = ByteBuffer.allocate(20).putInt(16, 19);
        final ByteBuffer jdkRoot =
                ByteBuffer.wrap(MessageDigest.getInstance("SHA-1").digest(root.array()));
        for (final int word : Sha1.rootState(19)) {
            assertThat(word).isEqualTo(jdkRoot.getInt());
        }
    }

    @Test
    void theDefaultUtsTreeHas1732NodesEverywhere() {
        final Uts uts = new Uts(UtsParams.DEFAULT);
        UtsResult.DEFAULT.verify("sequential", uts.countSequential());
        UtsResult.DEFAULT.verify("weft", uts.countWeft(scheduler));
        UtsResult.DEFAULT.verify("ForkJoinPool", uts.countForkJoin(forkJoin));
        assertThatThrownBy(() -> UtsResult.T1.verify("weft", uts.countWeft(scheduler)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void treeT1HasItsPublishedCountsOnWeft() {
        UtsResult.T1.verify("weft T1", new Uts(UtsParams.T1).countWeft(scheduler));
    }

    @Test
    void treeT3HasItsPublishedCountsOnWeft() {
        UtsResult.T3.verify("weft T3", new Uts(UtsParams.T3).countWeft(scheduler));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void nQueensCountsTheKnownSolutions(final int n) {
        final NQueens queens = new NQueens(n, Math.max(0, n - 3));
        assertThat(queens.countSequential()).isEqualTo(NQueens.solutions(n));
        assertThat(queens.countWeft(scheduler)).isEqualTo(NQueens.solutions(n));
        assertThat(queens.countWeftContinuations(scheduler)).isEqualTo(NQueens.solutions(n));
        assertThat(queens.countForkJoin(forkJoin)).isEqualTo(NQueens.solutions(n));
    }

    @Test
    void nQueensPacksABoardWiderThanTwelveColumnsWithoutLosingABit() {
        final NQueens queens = new NQueens(14, 5);
        assertThat(queens.countWeft(scheduler)).isEqualTo(NQueens.solutions(14));
    }

    @Test
    void fibAndTheParallelForAgreeEverywhere() {
        assertThat(Fib.sequential(25)).isEqualTo(75025);
        assertThat(Fib.weftContinuations(scheduler, 25)).isEqualTo(75025);
        assertThat(Fib.weftForkJoin(scheduler, 25)).isEqualTo(75025);
        assertThat(Fib.weftContinuationsWithoutReuse(scheduler, 25)).isEqualTo(75025);
        assertThat(Fib.forkJoinPool(forkJoin, 25)).isEqualTo(75025);
        final ParFor loop = new ParFor(100_000, 64);
        final double expected = loop.expectedChecksum();
        loop.runWeft(scheduler);
        assertThat(loop.checksum()).isEqualTo(expected);
        loop.runForkJoin(forkJoin);
        assertThat(loop.checksum()).isEqualTo(expected);
    }

    @Test
    void badParametersAreNamed() {
        assertThatThrownBy(() -> new UtsParams(3, 0, 6, 4, 0, 0.2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-t 3");
        assertThatThrownBy(() -> new UtsParams(1, 0, 0, 4, 0, 0.2, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-d 0");
        assertThatThrownBy(() -> new NQueens(17, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("board size 17");
    }
}
