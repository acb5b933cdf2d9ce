package io.qianmian.serving.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    PasswordHash h = PasswordHash.parse(PasswordHash.create("s3cret".toCharArray(), 1000));
    assertThat(h.matches("s3cret".toCharArray())).isTrue();
    assertThat(h.matches("s3cret ".toCharArray())).isFalse();
    assertThat(h.matches(new char[0])).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTimeBecauseOfTheSalt() {
    String a = PasswordHash.create("same".toCharArray(), 1000);
    String b = PasswordHash.create("same".toCharArray(), 1000);
    assertThat(a).isNotEqualTo(b).startsWith("pbkdf2-sha256:1000:").doesNotContain("same");
  }

  @Test
  void newHashesUseTheDefaultIterations() {
    assertThat(PasswordHash.create("x".toCharArray())).startsWith("pbkdf2-sha256:" + PasswordHash.DEFAULT_ITERATIONS + ":");
  }

  @Test
  void malformedHashesAreRefusedWithTheExpectedForm() {
    for (String bad : new String[] {"plain-password", "pbkdf2-sha256:x:AAAA:BBBB", "md5:1:AAAAAAAAAAA=:AAAA", "pbkdf2-sha256:1000:AAAAAAAAAAA=:AAAA"}) {
      assertThatThrownBy(() -> PasswordHash.parse(bad)).as(bad).hasMessageContaining("pbkdf2-sha256:ITERATIONS:SALT:HASH");
    }
  }

  @Test
  void emptyPasswordsAreNotHashed() {
    assertThatThrownBy(() -> PasswordHash.create(new char[0], 1000)).hasMessageContaining("empty");
  }
}
