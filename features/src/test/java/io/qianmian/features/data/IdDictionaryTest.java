package io.qianmian.features.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.io.Columns;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdDictionaryTest {
  @TempDir Path dir;

  private IdDictionary packed(String... ids) throws IOException {
    Path file = dir.resolve("ids.str");
    Columns.writeStrings(file, ids);
    return IdDictionary.read(file);
  }

  @Test
  void findsEveryIdOfAPackedDictionaryAndNothingElse() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5000; i++) {
      ids.add("u" + i);
    }
    IdDictionary d = packed(ids.toArray(String[]::new));
    for (int i = 0; i < ids.size(); i++) {
      assertThat(d.indexOrMinusOne(ids.get(i))).isEqualTo(i);
    }
    assertThat(d.indexOrMinusOne("u0")).isEqualTo(-1);
    assertThat(d.indexOrMinusOne("u5001")).isEqualTo(-1);
    assertThat(d.indexOrMinusOne("")).isEqualTo(-1);
    assertThat(d.indexOf("u17")).hasValue(16);
    assertThat(d.indexOf("x")).isEmpty();
  }

  @Test
  void looksUpIdsOutsideAsciiByTheirUtf8Bytes() throws IOException {
    IdDictionary d = packed("商品-1", "café", "plain");
    assertThat(d.indexOrMinusOne("café")).isEqualTo(1);
    assertThat(d.indexOrMinusOne("商品-1")).isEqualTo(0);
    assertThat(d.indexOrMinusOne("cafe")).isEqualTo(-1);
    assertThat(d.id(0)).isEqualTo("商品-1");
    IdDictionary strings = IdDictionary.of(List.of("商品-1", "café", "plain"));
    assertThat(strings.indexOrMinusOne("café")).isEqualTo(1);
    assertThat(strings.indexOrMinusOne("plain")).isEqualTo(2);
  }

  @Test
  void anIdThatDiffersOnlyInLengthIsNotAMatch() throws IOException {
    IdDictionary d = packed("p1", "p12", "p123");
    assertThat(d.indexOrMinusOne("p12")).isEqualTo(1);
    assertThat(d.indexOrMinusOne("p1234")).isEqualTo(-1);
  }

  @Test
  void idsLongerThanASlotsEightBytesAreToldApartByTheRest() throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      ids.add("session-" + i);
    }
    ids.add("x".repeat(300) + "a");
    ids.add("x".repeat(300) + "b");
    ids.add("short\u0000");
    for (IdDictionary d : List.of(packed(ids.toArray(String[]::new)), IdDictionary.of(ids))) {
      for (int i = 0; i < ids.size(); i++) {
        assertThat(d.indexOrMinusOne(ids.get(i))).isEqualTo(i);
      }
      assertThat(d.indexOrMinusOne("session-3000")).isEqualTo(-1);
      assertThat(d.indexOrMinusOne("x".repeat(300) + "c")).isEqualTo(-1);
      assertThat(d.indexOrMinusOne("x".repeat(299))).isEqualTo(-1);
      assertThat(d.indexOrMinusOne("short")).isEqualTo(-1);
    }
  }

  @Test
  void theNullIdOfAFileHasItsIndex() throws IOException {
    IdDictionary d = packed("a", null, "b");
    assertThat(d.indexOrMinusOne(null)).isEqualTo(1);
    assertThat(d.indexOrMinusOne("b")).isEqualTo(2);
    assertThat(d.idOrNull(1)).isNull();
    assertThat(packed("a").indexOrMinusOne(null)).isEqualTo(-1);
  }

  @Test
  void idsAreReadOneAtATimeOrAllAtOnceAlike() throws IOException {
    IdDictionary d = packed("x", "y", "z");
    assertThat(d.id(2)).isEqualTo("z");
    assertThat(d.ids()).containsExactly("x", "y", "z");
    assertThat(d.id(2)).isEqualTo("z");
  }
}
