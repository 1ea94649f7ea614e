package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void keepsAboutThreeSignificantDigitsWithoutExponents() {
        assertThat(Numbers.format(123456.7)).isEqualTo("123457");
        assertThat(Numbers.format(12.345)).isEqualTo("12.3");
        assertThat(Numbers.format(1.2345)).isEqualTo("1.23");
        assertThat(Numbers.format(2.0)).isEqualTo("2");
        assertThat(Numbers.format(0.76923)).isEqualTo("0.769");
        assertThat(Numbers.format(0.1)).isEqualTo("0.1");
        assertThat(Numbers.format(0.0000484123)).isEqualTo("0.0000484");
        assertThat(Numbers.format(-0.5)).isEqualTo("-0.5");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("—");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    }

    @Test
    void parsesPointsCommasAndNaN() {
        assertThat(Numbers.parse(" 8.367 ")).isEqualTo(8.367);
        assertThat(Numbers.parse("8,367")).isEqualTo(8.367);
        assertThat(Numbers.parse("NaN")).isNaN();
        assertThatThrownBy(() -> Numbers.parse("n/a")).hasMessageContaining("not a number: \"n/a\"");
    }

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Numbers.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
        assertThat(Numbers.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Numbers.median(List.of(7.0))).isEqualTo(7.0);
        assertThatThrownBy(() -> Numbers.median(List.of())).hasMessageContaining("no values");
    }
}
