package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecyclerTest {

    @Test
    void idleReadersBlockNothingAndCallbacksRunInOrder() {
        final Recycler recycler = new Recycler(2);
        final List<Integer> ran = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            final int n = i;
            recycler.defer(() -> {
                ran.add(n);
                return Recycler.Result.DONE;
            });
        }
        assertThat(recycler.process()).isEqualTo(5);
        assertThat(ran).containsExactly(0, 1, 2, 3, 4);
        assertThat(recycler.pending()).isZero();
    }

    @Test
    void anActiveReaderHoldsBackCallbacksDeferredAfterItsCheckpoint() {
        final Recycler recycler = new Recycler(2);
        recycler.checkpoint(0);
        final List<String> ran = new ArrayList<>();
        recycler.defer(() -> {
            ran.add("a");
            return Recycler.Result.DONE;
        });
        assertThat(recycler.process()).isZero();
        recycler.checkpoint(1);
        assertThat(recycler.process()).as("reader 0 has not checkpointed since").isZero();
        recycler.checkpoint(0);
        assertThat(recycler.process()).isEqualTo(1);
        assertThat(ran).containsExactly("a");
    }

    @Test
    void goingIdleReleasesCallbacks() {
        final Recycler recycler = new Recycler(1);
        recycler.checkpoint(0);
        final List<String> ran = new ArrayList<>();
        recycler.defer(() -> {
            ran.add("x");
            return Recycler.Result.DONE;
        });
        assertThat(recycler.process()).isZero();
        recycler.idle(0);
        assertThat(recycler.process()).isEqualTo(1);
        assertThat(ran).containsExactly("x");
    }

    @Test
    void retriedCallbacksStayAndKeepTheirOrder() {
        final Recycler recycler = new Recycler(1);
        final List<String> ran = new ArrayList<>();
        final int[] attempts = {0};
        recycler.defer(() -> {
            ran.add("first#" + attempts[0]);
            return ++attempts[0] < 3 ? Recycler.Result.RETRY : Recycler.Result.DONE;
        });
        recycler.defer(() -> {
            ran.add("second");
            return Recycler.Result.DONE;
        });
        assertThat(recycler.process()).isEqualTo(1);
        assertThat(recycler.pending()).isEqualTo(1);
        assertThat(recycler.process()).isZero();
        assertThat(recycler.process()).isEqualTo(1);
        assertThat(ran).containsExactly("first#0", "second", "first#1", "first#2");
        assertThat(recycler.pending()).isZero();
    }

    @Test
    void aFailingCallbackIsDroppedAndTheRestRun() {
        final Recycler recycler = new Recycler(0);
        final List<String> ran = new ArrayList<>();
        recycler.defer(() -> {
            throw new IllegalStateException("boom");
        });
        recycler.defer(() -> {
            ran.add("after");
            return Recycler.Result.DONE;
        });
        assertThat(recycler.process()).isEqualTo(2);
        assertThat(ran).containsExactly("after");
    }
}
