package io.qianmian.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.data.Dataset;
import io.qianmian.trainer.data.EventInteractions;
import io.qianmian.trainer.data.PositiveRule;
import io.qianmian.trainer.data.TinyLog;
import io.qianmian.trainer.model.Interactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplitterTest {
  private static int[] row(Interactions x, int u) {
    return Arrays.copyOfRange(x.items(), x.rowStart()[u], x.rowStart()[u + 1]);
  }

  /** A log of {@code users} users who each bought {@code perUser} random items of 30, with views between. */
  private static Dataset randomLog(long seed, int users, int perUser) {
    System.out.println("random log seed " + seed);
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>();
    long t = 0;
    for (int u = 0; u < users; u++) {
      for (int n = 0; n < perUser; n++) {
        lines.add("u" + u + " i" + random.nextInt(30) + " view " + (t++));
        lines.add("u" + u + " i" + random.nextInt(30) + " purchase " + (t++));
      }
    }
    return TinyLog.of(lines.toArray(String[]::new));
  }

  @Test
  void timeSplitTrainsOnThePastAndTestsNewItemsOfKnownUsers() {
    Dataset d =
        TinyLog.of(
            "u0 i0 view 1", "u0 i1 purchase 2", "u1 i0 purchase 3", "u1 i2 view 4", "u2 i1 purchase 5", "u0 i2 view 6",
            "u1 i1 click 7", "u0 i3 purchase 8",
            // From here on is the test period: the 80% quantile of 11 event times is the 9th, t = 9.
            "u0 i2 purchase 9", // u0 viewed i2 before: a training item, so not a target
            "u1 i3 purchase 10", // a target
            "u3 i0 purchase 11"); // u3 has no history: a cold start, not judged here
    Split s = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("time:0.2"), 0);

    assertThat(s.referenceTime()).isEqualTo(9);
    assertThat(row(s.train(), 0)).containsExactly(0, 1, 2, 3);
    assertThat(row(s.train(), 1)).containsExactly(0, 1, 2);
    assertThat(s.train().nonZeros()).isEqualTo(8);
    assertThat(s.testUsers()).isEqualTo(1);
    assertThat(row(s.test(), 1)).containsExactly(3);
  }

  @Test
  void timeSplitAtADateCutsThere() {
    long june = java.time.Instant.parse("2024-06-01T00:00:00Z").toEpochMilli();
    Dataset d = TinyLog.of("u0 i0 purchase " + (june - 1), "u0 i1 purchase " + june, "u0 i2 purchase " + (june + 1));
    Split s = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("time:2024-06-01"), 0);

    assertThat(row(s.train(), 0)).containsExactly(0);
    assertThat(row(s.test(), 0)).containsExactly(1, 2);
  }

  @Test
  void leaveLastHoldsOutTheMostRecentlyBoughtItems() {
    Dataset d =
        TinyLog.of(
            "u0 i0 purchase 1", "u0 i1 purchase 2", "u0 i2 view 3", "u0 i0 purchase 4", // i0 bought again last
            "u1 i1 purchase 5", "u1 i2 purchase 6");
    Split last1 = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("last:1"), 0);

    assertThat(row(last1.test(), 0)).containsExactly(0);
    assertThat(row(last1.train(), 0)).containsExactly(1, 2); // every event of i0 left training
    assertThat(row(last1.test(), 1)).containsExactly(2);
    assertThat(row(last1.train(), 1)).containsExactly(1);

    Split last2 = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("last:2"), 0);
    assertThat(row(last2.test(), 0)).containsExactly(0, 1);
    assertThat(row(last2.test(), 1)).containsExactly(1, 2);
    assertThat(row(last2.train(), 1)).isEmpty();
  }

  @Test
  void randomSplitHoldsOutAShareOfEachUsersPositivesDeterministically() {
    Dataset d = randomLog(42, 20, 10);
    Splitter splitter = new Splitter(d, Protocol.DEFAULT);
    Split a = splitter.split(SplitSpec.parse("random:0.2"), 7);
    Split b = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("random:0.2"), 7);
    Split c = splitter.split(SplitSpec.parse("random:0.2"), 8);

    assertThat(a.test().items()).containsExactly(b.test().items());
    assertThat(a.train().items()).containsExactly(b.train().items());
    assertThat(a.test().items()).isNotEqualTo(c.test().items());

    Interactions positives = EventInteractions.positives(d, PositiveRule.PURCHASES);
    for (int u = 0; u < positives.userCount(); u++) {
      int[] held = row(a.test(), u);
      assertThat(held.length).isEqualTo(Math.round(0.2 * positives.rowLength(u)));
      assertThat(row(positives, u)).contains(held);
      for (int i : held) {
        assertThat(row(a.train(), u)).doesNotContain(i);
      }
      for (int i : row(positives, u)) {
        assertThat(Arrays.binarySearch(held, i) >= 0 || Arrays.binarySearch(row(a.train(), u), i) >= 0).isTrue();
      }
    }
  }

  @Test
  void usersSplitFoldsInMostOfTheHeldOutUsersHistory() {
    List<String> lines = new ArrayList<>();
    for (int u = 0; u < 10; u++) {
      for (int i = 0; i < 5; i++) {
        lines.add("u" + u + " i" + (u + i) + " purchase " + (u * 10 + i));
      }
    }
    Dataset d = TinyLog.of(lines.toArray(String[]::new));
    Split s = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("users:0.2"), 3);

    assertThat(s.testUsers()).isEqualTo(2);
    for (int u = 0; u < 10; u++) {
      if (s.test().rowLength(u) > 0) {
        assertThat(s.test().rowLength(u)).isEqualTo(1); // 20% of 5 is the target
        assertThat(s.train().rowLength(u)).isEqualTo(4); // 80% folded in as history
      } else {
        assertThat(s.train().rowLength(u)).isEqualTo(5);
      }
    }
    Split again = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("users:0.2"), 3);
    assertThat(again.test().rowStart()).containsExactly(s.test().rowStart());
  }

  @Test
  void trainingOnPositivesLeavesOtherEventsOut() {
    Dataset d = TinyLog.of("u0 i0 view 1", "u0 i1 purchase 2", "u0 i2 purchase 3", "u0 i3 purchase 4");
    Protocol binary = new Protocol(PositiveRule.PURCHASES, Protocol.DEFAULT.weights(), Protocol.DEFAULT.halfLife(), true);
    Split s = new Splitter(d, binary).split(SplitSpec.parse("last:1"), 0);

    assertThat(row(s.train(), 0)).containsExactly(1, 2);
    assertThat(s.train().values()).containsOnly(1f);
  }

  @Test
  void excludingPositivesOnlyKeepsViewedItemsRecommendableAndCountsThemAsTargets() {
    Dataset d =
        TinyLog.of(
            "u0 i0 view 1", "u0 i1 purchase 2", "u1 i0 purchase 3", "u1 i2 view 4", "u2 i1 purchase 5", "u0 i2 view 6",
            "u1 i1 click 7", "u0 i3 purchase 8",
            "u0 i2 purchase 9", // u0 only viewed i2 before: a target when only positives are excluded
            "u0 i1 purchase 10", // u0 bought i1 before: never a target
            "u3 i0 purchase 11");
    Protocol positives = new Protocol(PositiveRule.PURCHASES, Protocol.DEFAULT.weights(), Protocol.DEFAULT.halfLife(), false,
        Protocol.Exclusion.POSITIVES);

    Split s = new Splitter(d, positives).split(SplitSpec.parse("time:0.2"), 0);

    assertThat(row(s.train(), 0)).containsExactly(0, 1, 2, 3);
    assertThat(row(s.known(), 0)).containsExactly(1, 3);
    assertThat(row(s.test(), 0)).containsExactly(2);
    assertThat(s.knownItems(0).excludes(2)).isFalse();
    assertThat(s.knownItems(0).excludes(1)).isTrue();
    Split history = new Splitter(d, Protocol.DEFAULT).split(SplitSpec.parse("time:0.2"), 0);
    assertThat(row(history.test(), 0)).isEmpty();
    assertThat(history.knownItems(0).excludes(2)).isTrue();
  }

  @Test
  void exclusionParsesItsTwoNamesAndRejectsOthers() {
    assertThat(Protocol.Exclusion.parse(" Positives")).isEqualTo(Protocol.Exclusion.POSITIVES);
    assertThat(Protocol.Exclusion.parse("history")).isEqualTo(Protocol.Exclusion.HISTORY);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Protocol.Exclusion.parse("seen"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exclude 'seen'");
  }
}
