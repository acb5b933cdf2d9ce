package io.qianmian.features.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RowTest {
  @Test
  void integersAllowBlanksSignsAndSpreadsheetDecimals() {
    Row row = RowValues.of(" 42 ", "-7", "+3", "17850.0", "9223372036854775807");
    assertThat(row.longValue(0)).isEqualTo(42);
    assertThat(row.longValue(1)).isEqualTo(-7);
    assertThat(row.longValue(2)).isEqualTo(3);
    assertThat(row.longValue(3)).isEqualTo(17850);
    assertThat(row.longValue(4)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void junkNumbersNameTheColumnAndValue() {
    Row row = RowValues.of("12x", "1e400", "NaN", "   ", "4294967296");
    assertThatThrownBy(() -> row.longValue(0)).hasMessage("a: '12x' is not an integer");
    assertThatThrownBy(() -> row.doubleValue(1)).hasMessage("b: '1e400' is not a number");
    assertThatThrownBy(() -> row.doubleValue(2)).hasMessage("c: 'NaN' is not a number");
    assertThatThrownBy(() -> row.doubleValue(3)).isInstanceOf(RowProblem.class);
    assertThatThrownBy(() -> row.longValue(3)).isInstanceOf(RowProblem.class);
    assertThatThrownBy(() -> row.intValue(4)).hasMessageContaining("below 2^31");
  }

  @Test
  void fastDecimalsEqualDoubleParseDouble() {
    long seed = System.nanoTime();
    System.out.println("fastDecimalsEqualDoubleParseDouble seed " + seed);
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      int scale = random.nextInt(8);
      long mantissa = random.nextLong(1_000_000_000_000L);
      String text = java.math.BigDecimal.valueOf(random.nextBoolean() ? mantissa : -mantissa, scale).toPlainString();
      assertThat(RowValues.of(text).doubleValue(0)).as("%s (seed %d)", text, seed).isEqualTo(Double.parseDouble(text));
    }
    assertThat(RowValues.of("1.5e3").doubleValue(0)).isEqualTo(1500.0);
    assertThat(RowValues.of("0.1234567890123456789").doubleValue(0)).isEqualTo(0.1234567890123456789);
  }

  @Test
  void idOfAnEmptyFieldIsABadRowOfTheGivenKind() {
    Row row = RowValues.of("", "u1");
    assertThatThrownBy(() -> row.id(0, new StringPool(), BadRow.Kind.MISSING_USER))
        .isInstanceOfSatisfying(RowProblem.class, p -> assertThat(p.kind()).isEqualTo(BadRow.Kind.MISSING_USER));
    assertThat(row.id(1, new StringPool(), BadRow.Kind.MISSING_USER)).isEqualTo("u1");
  }
}
