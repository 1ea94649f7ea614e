package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OwnedIdTest {

    @Test
    void packsOwnerInTheHighHalfAndLocalInTheLowHalf() {
        final OwnedId id = OwnedId.of(3, 2);
        assertThat(id.uid()).isEqualTo(0x0003_0002);
        assertThat(id.ownerId()).isEqualTo(3);
        assertThat(id.localId()).isEqualTo(2);
        assertThat(id).hasToString("3:2").isEqualTo(new OwnedId(0x0003_0002));
    }

    @Test
    void bothHalvesSpanSixteenUnsignedBits() {
        final OwnedId top = OwnedId.of(0xFFFF, 0xFFFE);
        assertThat(top.ownerId()).isEqualTo(65535);
        assertThat(top.localId()).isEqualTo(65534);
        assertThat(top.isUnknown()).isFalse();
        assertThat(OwnedId.of(0, 0).uid()).isZero();
    }

    @Test
    void unknownIsEveryBitSet() {
        assertThat(OwnedId.UNKNOWN.uid()).isEqualTo(0xFFFF_FFFF);
        assertThat(OwnedId.UNKNOWN.isUnknown()).isTrue();
        assertThat(OwnedId.UNKNOWN).hasToString("unknown");
        assertThat(OwnedId.of(0xFFFF, 0xFFFF)).isEqualTo(OwnedId.UNKNOWN);
    }

    @Test
    void outOfRangeHalvesAreRejectedByName() {
        assertThatThrownBy(() -> OwnedId.of(65536, 0)).hasMessageContaining("owner id 65536");
        assertThatThrownBy(() -> OwnedId.of(0, -1)).hasMessageContaining("local id -1");
        assertThatThrownBy(() -> new OwnedId.OwnerCounter(70_000)).hasMessageContaining("first owner id 70000");
    }

    @Test
    void ownerCounterIncreasesThenWrapsAfter65535() {
        final OwnedId.OwnerCounter counter = new OwnedId.OwnerCounter(65_533);
        assertThat(counter.nextOwnerId()).isEqualTo(65_533);
        assertThat(counter.nextOwnerId()).isEqualTo(65_534);
        assertThat(counter.nextOwnerId()).isEqualTo(65_535);
        assertThat(counter.nextOwnerId()).isZero();
        assertThat(counter.nextOwnerId()).isEqualTo(1);
    }

    @Test
    void aFullCycleHandsOutEveryOwnerIdOnceAcrossThreads() {
        final OwnedId.OwnerCounter counter = new OwnedId.OwnerCounter();
        final Set<Integer> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 65_536).parallel().forEach(i -> seen.add(counter.nextOwnerId()));
        assertThat(seen).hasSize(65_536);
        assertThat(counter.nextOwnerId()).isZero();
        final Set<Integer> again = new HashSet<>();
        for (int i = 1; i < 65_536 * 3; i++) {
            again.add(counter.nextOwnerId());
        }
        assertThat(again).hasSize(65_536).allMatch(ownerId -> ownerId >= 0 && ownerId <= 0xFFFF);
    }
}
