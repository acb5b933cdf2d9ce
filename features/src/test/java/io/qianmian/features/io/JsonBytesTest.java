package io.qianmian.features.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void stringsAreEscapedAsJacksonEscapesThemInUtf8() throws Exception {
    for (String s : List.of("plain", "say \"hi\"", "back\\slash", "tab\tnew\nline\rbell\u0007\b\f", "Müller 千面 😀", "")) {
      String ours = new String(new JsonBytes(8).string(s).toByteArray(), StandardCharsets.UTF_8);
      assertThat(ours).isEqualTo(new String(JACKSON.writeValueAsBytes(s), StandardCharsets.UTF_8));
    }
  }

  @Test
  void numbersAndNullAreWrittenAsJacksonWritesThem() throws Exception {
    for (double d : new double[] {0.0, 1.0, 0.1, 123.45, 1e-7, 1e21, -2.5, Double.NaN}) {
      assertThat(new String(new JsonBytes(8).number(d).toByteArray(), StandardCharsets.US_ASCII)).isEqualTo(JACKSON.writeValueAsString(d));
    }
    assertThat(new String(new JsonBytes(8).number(-42L).raw(',').nul().toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("-42,null");
  }
}
