package io.qianmian.features.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableDictionaryTest {
  private static int bytes(MutableDictionary d, String id) {
    byte[] b = ("," + id + ",").getBytes(StandardCharsets.UTF_8);
    return d.intern(b, 1, b.length - 1, true);
  }

  @Test
  void idsGetDenseIndexesInOrderOfFirstSightFromBytesOrStrings() {
    MutableDictionary d = new MutableDictionary();
    assertThat(bytes(d, "u1")).isEqualTo(0);
    assertThat(d.intern("u2")).isEqualTo(1);
    assertThat(d.intern("u1")).isEqualTo(0);
    assertThat(bytes(d, "u2")).isEqualTo(1);
    assertThat(bytes(d, "a-session-id-longer-than-eight-bytes")).isEqualTo(2);
    assertThat(d.intern("a-session-id-longer-than-eight-bytes")).isEqualTo(2);
    assertThat(d.intern("a-session-id-longer-than-eight-bytez")).isEqualTo(3);
    assertThat(d.freeze().ids()).containsExactly("u1", "u2", "a-session-id-longer-than-eight-bytes", "a-session-id-longer-than-eight-bytez");
  }

  @Test
  void emptyAndNullAreNone() {
    MutableDictionary d = new MutableDictionary();
    assertThat(d.intern((String) null)).isEqualTo(-1);
    assertThat(d.intern("")).isEqualTo(-1);
    assertThat(bytes(d, "")).isEqualTo(-1);
    assertThat(d.size()).isZero();
  }

  @Test
  void nonAsciiBytesAreRefusedAndTheStringIsKeptAsUtf8() {
    MutableDictionary d = new MutableDictionary();
    assertThat(bytes(d, "Müller")).isEqualTo(MutableDictionary.NOT_ASCII);
    assertThat(d.intern("Müller")).isEqualTo(0);
    // Refused even once known (the caller decodes them as its input's charset says); as UTF-8 they match.
    assertThat(bytes(d, "Müller")).isEqualTo(MutableDictionary.NOT_ASCII);
    byte[] utf8 = "Müller".getBytes(StandardCharsets.UTF_8);
    assertThat(d.intern(utf8, 0, utf8.length, false)).isEqualTo(0);
    assertThat(d.freeze().id(0)).isEqualTo("Müller");
  }

  @Test
  void idsOfSameHeadAndLengthStayApartThroughGrowth() {
    MutableDictionary d = new MutableDictionary();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      ids.add(i % 2 == 0 ? "u" + i : "session-" + i + "-x");
    }
    for (int i = 0; i < ids.size(); i++) {
      assertThat(bytes(d, ids.get(i))).isEqualTo(i);
    }
    for (int i = ids.size() - 1; i >= 0; i--) {
      assertThat(d.intern(ids.get(i))).isEqualTo(i);
    }
    for (int i = 0; i < ids.size(); i += 7) {
      byte[] b = ids.get(i).getBytes(StandardCharsets.US_ASCII);
      long head = MutableDictionary.head(b, 0, b.length);
      assertThat(d.intern(MutableDictionary.key(b, 0, b.length, head), head, b, 0, b.length)).isEqualTo(i);
    }
    byte[] fresh = "u-new".getBytes(StandardCharsets.US_ASCII);
    long head = MutableDictionary.head(fresh, 0, fresh.length);
    // Short ids are looked up and added from their key and head alone.
    assertThat(d.intern(MutableDictionary.key(fresh, 0, fresh.length, head), head, null, 0, fresh.length)).isEqualTo(ids.size());
    ids.add("u-new");
    IdDictionary frozen = d.freeze();
    assertThat(frozen.size()).isEqualTo(ids.size());
    assertThat(frozen.ids()).isEqualTo(ids);
  }
}
