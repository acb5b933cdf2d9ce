package io.qianmian.serving.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.BehaviorEvent;
import io.qianmian.features.data.EventType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionStoreTest {
  private final SessionStore store = new SessionStore(100, Duration.ofHours(1), 3);

  private boolean record(String user, EventType type, String item) {
    return store.record(BehaviorEvent.of(user, item, type, 1000));
  }

  @Test
  void interestKeepsTheMostRecentItemsFirstWithoutRepeats() {
    record("u", EventType.VIEW, "a");
    record("u", EventType.CLICK, "b");
    record("u", EventType.VIEW, "a");
    record("u", EventType.ADD_TO_CART, "c");
    record("u", EventType.FAVOURITE, "d");
    assertThat(store.get("u").interest()).containsExactly("d", "c", "a");
  }

  @Test
  void purchasesAreRememberedAndCartRemovalsForgetInterest() {
    record("u", EventType.VIEW, "a");
    record("u", EventType.PURCHASE, "b");
    record("u", EventType.REMOVE_FROM_CART, "a");
    Session s = store.get("u");
    assertThat(s.interest()).isEmpty();
    assertThat(s.purchased()).containsExactly("b");
  }

  @Test
  void impressionsChangeNothingAndEveryChangeIsANewSession() {
    assertThat(record("u", EventType.IMPRESSION, "a")).isFalse();
    assertThat(store.get("u")).isSameAs(Session.EMPTY);
    record("u", EventType.VIEW, "a");
    Session first = store.get("u");
    record("u", EventType.VIEW, "b");
    assertThat(store.get("u")).isNotSameAs(first);
    assertThat(first.interest()).containsExactly("a");
  }
}
