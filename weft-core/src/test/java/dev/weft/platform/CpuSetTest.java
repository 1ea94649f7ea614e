package dev.weft.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpuSetTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "0-3,8,10-11; 0-3,8,10-11",
                "3,2,1,0; 0-3",
                "0,1,2,4,5,7; 0-2,4-5,7",
                "5; 5",
                "' 0-1\n'; 0-1",
                "1-1; 1",
                "0-2,1-3; 0-3",
                "8191; 8191"
            })
    void parsesAndFormatsCpulists(final String text, final String formatted) {
        assertThat(CpuSet.parseList(text).toList()).isEqualTo(formatted);
    }

    @Test
    void emptyCpulistAsSysfsWritesItIsTheEmptySet() {
        assertThat(CpuSet.parseList("")).isEqualTo(CpuSet.empty());
        assertThat(CpuSet.parseList("\n")).isEqualTo(CpuSet.empty());
        assertThat(CpuSet.empty().toList()).isEmpty();
        assertThat(CpuSet.empty().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,,2", "a", "1-", "-3", "3-1", "0-3:2/4", "1.5", "1 2", "8192", "99999999999", ","})
    void malformedCpulistIsRejectedQuotingTheText(final String text) {
        assertThatThrownBy(() -> CpuSet.parseList(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "3; 0-1",
                "0x3; 0-1",
                "0X3; 0-1",
                "ff00; 8-15",
                "1; 0",
                "0; ''",
                "00000; ''",
                "8000000000000000; 63",
                "10000000000000000; 64",
                "AbC; 2-5,7,9,11",
                "0x; ''",
                "'  0x3 '; 0-1",
                "[1]; 1",
                "[0-3,8]; 0-3,8",
                "'[ 0 - 2 , 5 ]'; 0-2,5",
                "[2,2,1-2]; 1-2",
                "[1-3-5]; 3-5"
            })
    void parsesSpdkMasks(final String mask, final String cpulist) {
        assertThat(CpuSet.parseMask(mask)).isEqualTo(CpuSet.parseList(cpulist));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "''; 0",
                "0-1; 3",
                "8-15; ff00",
                "63; 8000000000000000",
                "64; 10000000000000000",
                "0,64; 10000000000000001"
            })
    void formatsSpdkMasksInLowercaseWithoutPrefix(final String cpulist, final String mask) {
        assertThat(CpuSet.parseList(cpulist).toMask()).isEqualTo(mask);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "  ", "0xg", "12z4", "-1", "[", "[]", "[1", "[1,]", "[-1]", "[3-1]", "[1-]", "[a]", "[1]x", "[1;2]",
                "[8192]"
            })
    void malformedMaskIsRejectedQuotingTheText(final String mask) {
        assertThatThrownBy(() -> CpuSet.parseMask(mask))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + mask + "'");
    }

    @Test
    void nullTextIsRejectedByName() {
        assertThatThrownBy(() -> CpuSet.parseList(null)).hasMessageContaining("CPU list is null");
        assertThatThrownBy(() -> CpuSet.parseMask(null)).hasMessageContaining("CPU mask is null");
    }

    @Test
    void randomSetsRoundTripThroughBothForms() {
        final SplittableRandom random = new SplittableRandom(20261122L);
        for (int round = 0; round < 500; round++) {
            final TreeSet<Integer> expected = new TreeSet<>();
            final int bound = 1 + random.nextInt(300);
            final int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                expected.add(random.nextInt(bound));
            }
            final CpuSet set =
                    CpuSet.of(expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(set.toArray())
                    .containsExactly(
                            expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(set.size()).isEqualTo(expected.size());
            assertThat(CpuSet.parseList(set.toList())).isEqualTo(set);
            assertThat(CpuSet.parseMask(set.toMask())).isEqualTo(set);
            assertThat(CpuSet.parseMask("0x" + set.toMask().toUpperCase())).isEqualTo(set);
            assertThat(CpuSet.fromWords(set.toWords(8))).isEqualTo(set).hasSameHashCodeAs(set);
        }
    }

    @Test
    void setAlgebra() {
        final CpuSet a = CpuSet.parseList("0-7");
        final CpuSet b = CpuSet.parseList("4-11,70");
        assertThat(a.union(b).toList()).isEqualTo("0-11,70");
        assertThat(a.intersect(b).toList()).isEqualTo("4-7");
        assertThat(a.minus(b).toList()).isEqualTo("0-3");
        assertThat(b.minus(a).toList()).isEqualTo("8-11,70");
        assertThat(b.intersect(CpuSet.of(70)).minus(CpuSet.of(70))).isEqualTo(CpuSet.empty());
        assertThat(a.containsAll(CpuSet.parseList("1-3"))).isTrue();
        assertThat(a.containsAll(b)).isFalse();
        assertThat(a.containsAll(CpuSet.empty())).isTrue();
        assertThat(b.first()).isEqualTo(4);
        assertThat(b.last()).isEqualTo(70);
        assertThat(b.contains(70)).isTrue();
        assertThat(b.contains(-1)).isFalse();
        assertThat(b.contains(100_000)).isFalse();
    }

    @Test
    void rangesAndBuildersCheckTheirBounds() {
        assertThat(CpuSet.range(2, 5).toList()).isEqualTo("2-5");
        assertThatThrownBy(() -> CpuSet.range(5, 2)).hasMessageContaining("5-2 is reversed");
        assertThatThrownBy(() -> CpuSet.of(-1)).hasMessageContaining("CPU -1 is outside");
        assertThatThrownBy(() -> CpuSet.of(CpuSet.MAX_CPU_ID + 1)).hasMessageContaining("8192 is outside");
        assertThatThrownBy(() -> CpuSet.empty().first()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> CpuSet.empty().last()).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void equalSetsAreEqualWhateverTheirHistory() {
        final CpuSet built = new CpuSet.Builder().add(200).add(1).build().intersect(CpuSet.of(1));
        assertThat(built).isEqualTo(CpuSet.of(1)).hasSameHashCodeAs(CpuSet.of(1));
        assertThat(built.toString()).isEqualTo("CpuSet{1}");
    }
}
