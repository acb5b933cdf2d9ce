package io.qianmian.features.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringPoolTest {
  private static String intern(StringPool pool, String s) {
    byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
    return pool.intern(b, 2, b.length - 2, Row.Text.UTF8);
  }

  @Test
  void sameBytesGiveTheSameStringInstance() {
    StringPool pool = new StringPool(16);
    String first = intern(pool, "user-0000000001");
    assertThat(intern(pool, "user-0000000001")).isSameAs(first).isEqualTo("user-0000000001");
    assertThat(intern(pool, "user-0000000002")).isEqualTo("user-0000000002").isNotSameAs(first);
    assertThat(intern(pool, "u1")).isEqualTo("u1");
  }

  @Test
  void valuesSharingTheirFirstEightBytesStayApart() {
    StringPool pool = new StringPool(16);
    assertThat(intern(pool, "abcdefgh")).isEqualTo("abcdefgh");
    assertThat(intern(pool, "abcdefghX")).isEqualTo("abcdefghX");
    assertThat(intern(pool, "abcdefghY")).isEqualTo("abcdefghY");
    assertThat(intern(pool, "abcdefgh")).isEqualTo("abcdefgh");
  }

  @Test
  void growingKeepsEveryValueFindable() {
    long seed = System.nanoTime();
    System.out.println("growingKeepsEveryValueFindable seed " + seed);
    Random random = new Random(seed);
    StringPool pool = new StringPool(16);
    Map<String, String> first = new HashMap<>();
    for (int i = 0; i < 50_000; i++) {
      String id = Long.toString(random.nextLong(20_000), 36) + (random.nextBoolean() ? "" : "-long-suffix");
      String got = intern(pool, id);
      assertThat(got).as("seed %d", seed).isEqualTo(id);
      assertThat(got).as("seed %d", seed).isSameAs(first.computeIfAbsent(id, k -> got));
    }
  }

  @Test
  void nonAsciiIsDecodedCorrectly() {
    StringPool pool = new StringPool();
    assertThat(intern(pool, "上海")).isEqualTo("上海");
    byte[] latin1 = {'C', 'a', 'f', (byte) 0xE9};
    assertThat(pool.intern(latin1, 0, 4, Row.Text.LATIN1)).isEqualTo("Café");
    assertThat(pool.intern(latin1, 0, 4, Row.Text.LATIN1)).isSameAs(pool.intern(latin1, 0, 4, Row.Text.LATIN1));
  }
}
