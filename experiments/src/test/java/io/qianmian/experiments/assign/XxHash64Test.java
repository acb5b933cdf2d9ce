package io.qianmian.experiments.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XxHash64Test {
  private static long h(String s, long seed) {
    return XxHash64.hash(s.getBytes(StandardCharsets.UTF_8), seed);
  }

  @Test
  void matchesTheReferenceVectorsOfEveryCodePath() {
    assertThat(h("", 0)).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(h("", 1)).isEqualTo(0xD5AFBA1336A3BE4BL);
    assertThat(h("a", 0)).isEqualTo(0xD24EC4F1A98C6E5BL); // 1-byte tail
    assertThat(h("abc", 0)).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(h("asdf", 0)).isEqualTo(0x415872F599CEA71EL); // 4-byte tail
    assertThat(h("Call me Ishmael.", 0)).isEqualTo(0x6D04390FC9D61A90L); // 8-byte words
    assertThat(h("Nobody inspects the spammish repetition", 0)).isEqualTo(0xFBCEA83C8A378BF1L); // 32-byte stripes
    assertThat(h("Some years ago--never mind how long precisely-", 0)).isEqualTo(0x8F26F2B986AFDC52L);
  }

  @Test
  void bucketsUseTheSaltAsSeedSoSaltAndIdDoNotRunTogether() {
    assertThat(Buckets.of("ab", "c")).isBetween(0, 9_999);
    assertThat(Buckets.of("ab", "c")).isNotEqualTo(Buckets.of("a", "bc"));
    assertThat(Buckets.of("salt", "u17")).isEqualTo((int) Long.remainderUnsigned(h("u17", h("salt", 0)), 10_000));
  }
}
