package io.qianmian.serving.reuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallPoolTest {
  @Test
  void anEmptyPoolHasNoSpareAndAGivenOneIsTakenBack() {
    SmallPool<StringBuilder> pool = new SmallPool<>(4);
    assertThat(pool.take()).isNull();
    StringBuilder spare = new StringBuilder();
    pool.give(spare);
    assertThat(pool.take()).isSameAs(spare);
    assertThat(pool.take()).isNull();
  }

  @Test
  void thePoolKeepsAtMostItsSizeAndEachSpareGoesToOneTaker() throws Exception {
    SmallPool<Object> pool = new SmallPool<>(8);
    for (int k = 0; k < 20; k++) {
      pool.give(new Object());
    }
    Set<Object> taken = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(Thread.ofPlatform().start(() -> {
        for (Object o; (o = pool.take()) != null; ) {
          synchronized (taken) {
            assertThat(taken.add(o)).isTrue();
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(taken).hasSize(8);
  }

  @Test
  void aSizeThatIsNoPowerOfTwoIsRefused() {
    assertThatThrownBy(() -> new SmallPool<>(6)).hasMessageContaining("power of two");
  }
}
