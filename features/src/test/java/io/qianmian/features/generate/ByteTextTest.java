package io.qianmian.features.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteTextTest {
  private static String text(ByteText t) {
    return new String(t.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void writesNumbersWithoutStrings() {
    ByteText t = new ByteText(4);
    t.append(0L).append(',').append(-42L).append(',').append(1789401600000L).append(',').append(Long.MIN_VALUE);
    assertThat(text(t)).isEqualTo("0,-42,1789401600000,-9223372036854775808");
  }

  @Test
  void writesCentsWithTwoDecimals() {
    ByteText t = new ByteText(4);
    t.appendCents(1999).append(' ').appendCents(5).append(' ').appendCents(100).append(' ').appendCents(0);
    assertThat(text(t)).isEqualTo("19.99 0.05 1.00 0.00");
  }

  @Test
  void quotesCsvFieldsOnlyWhenNeeded() {
    ByteText t = new ByteText(4);
    t.appendCsv("Home > Kitchen").append(',').appendCsv("a,b").append(',').appendCsv("say \"hi\"").append(',').appendCsv(null);
    assertThat(text(t)).isEqualTo("Home > Kitchen,\"a,b\",\"say \"\"hi\"\"\",");
  }

  @Test
  void escapesJsonStringsAndKeepsUnicode() {
    ByteText t = new ByteText(4);
    t.appendJson("a\"b\\c\n千人千面");
    assertThat(text(t)).isEqualTo("\"a\\\"b\\\\c\\u000a千人千面\"");
  }

  @Test
  void putWritesEveryLengthOfNumber() {
    long seed = 99;
    System.out.println("ByteTextTest seed " + seed);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    byte[] b = new byte[40];
    for (int k = 0; k < 20_000; k++) {
      long v = k < 1000 ? k : rng.nextLong(Long.MAX_VALUE >> rng.nextInt(63));
      int end = ByteText.put(b, 3, v);
      assertThat(new String(b, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(v));
    }
    assertThat(new String(b, 0, ByteText.put(b, 0, Integer.MAX_VALUE), StandardCharsets.US_ASCII)).isEqualTo("2147483647");
    assertThat(new String(b, 0, ByteText.putCents(b, 0, 7), StandardCharsets.US_ASCII)).isEqualTo("0.07");
  }
}
