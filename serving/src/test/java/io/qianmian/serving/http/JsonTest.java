package io.qianmian.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static String score(float v) {
    return new String(new JsonOut(8).startObject().field(JsonOut.name("s")).score(v).endObject().toBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void scoresAreRoundedToSixDecimalsWithoutTrailingZeros() {
    assertThat(score(1f)).isEqualTo("{\"s\":1}");
    assertThat(score(0f)).isEqualTo("{\"s\":0}");
    assertThat(score(19.9f)).isEqualTo("{\"s\":19.9}");
    assertThat(score(0.8333333f)).isEqualTo("{\"s\":0.833333}");
    assertThat(score(0.0000004f)).isEqualTo("{\"s\":0}");
    assertThat(score(0.05f)).isEqualTo("{\"s\":0.05}");
    assertThat(score(0.050003f)).isEqualTo("{\"s\":0.050003}");
    assertThat(score(7.000001f)).isEqualTo("{\"s\":7.000001}");
    assertThat(score(-2.5f)).isEqualTo("{\"s\":-2.5}");
    assertThat(score(Float.NaN)).isEqualTo("{\"s\":null}");
  }

  @Test
  void theTextReadsBackAsTheRoundedValue() {
    long seed = System.nanoTime();
    System.out.println("JsonTest seed " + seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int k = 0; k < 10_000; k++) {
      float v = (float) (r.nextDouble() * 1000);
      String text = score(v);
      assertThat(text).matches("\\{\"s\":(0|[1-9]\\d*)(\\.\\d{0,5}[1-9])?}");
      double read = Double.parseDouble(text.substring(5, text.length() - 1));
      assertThat(read).as(text).isCloseTo(v, org.assertj.core.data.Offset.offset(1e-6 + Math.ulp(v)));
    }
  }
}
