package io.qianmian.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ScoredItems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlsTrainerTest {
  private static final int GROUPS = 4;
  private static final int USERS_PER_GROUP = 30;
  private static final int ITEMS_PER_GROUP = 15;

  /**
   * A planted rank-4 pattern: user group g interacts only with item group g, each user with a random
   * two thirds of the group's items. The rest of the group is what ALS must find.
   */
  private static Interactions planted(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int users = GROUPS * USERS_PER_GROUP;
    int[] rowStart = new int[users + 1];
    List<Integer> items = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int g = u / USERS_PER_GROUP;
      for (int i = g * ITEMS_PER_GROUP; i < (g + 1) * ITEMS_PER_GROUP; i++) {
        if (rnd.nextInt(3) < 2) {
          items.add(i);
        }
      }
      rowStart[u + 1] = items.size();
    }
    float[] values = new float[items.size()];
    Arrays.fill(values, 1f);
    return new Interactions(users, GROUPS * ITEMS_PER_GROUP, rowStart, items.stream().mapToInt(Integer::intValue).toArray(), values);
  }

  @Test
  void recoversAPlantedLowRankPattern() {
    long seed = 17;
    System.out.println("AlsTrainerTest seed " + seed);
    Interactions train = planted(seed);
    AlsModel m = new AlsTrainer(new AlsParameters(4, 1f, 10f, 10, 3, seed)).fit(train, Progress.NONE);
    for (int u = 0; u < train.userCount(); u++) {
      int g = u / USERS_PER_GROUP;
      int from = train.rowStart()[u];
      int to = train.rowStart()[u + 1];
      int missing = ITEMS_PER_GROUP - (to - from);
      int[] seen = Arrays.copyOfRange(train.items(), from, to);
      ScoredItems r = m.recommend(u, missing, i -> Arrays.binarySearch(seen, i) >= 0);
      for (int i : r.items()) {
        assertThat(i / ITEMS_PER_GROUP).as("user %d (group %d) got item %d", u, g, i).isEqualTo(g);
      }
    }
  }

  @Test
  void sameSeedGivesIdenticalFactors() {
    Interactions train = planted(5);
    AlsParameters p = new AlsParameters(6, 0.1f, 5f, 3, 3, 99);
    AlsModel a = new AlsTrainer(p).fit(train, Progress.NONE);
    AlsModel b = new AlsTrainer(p).fit(train, Progress.NONE);
    assertThat(a.factors().users()).containsExactly(b.factors().users());
    assertThat(a.factors().items()).containsExactly(b.factors().items());
  }

  @Test
  void lossFallsAndEveryIterationIsReported() {
    List<String> messages = new ArrayList<>();
    Progress capture =
        (task, total, unit) ->
            new Progress.Task() {
              @Override
              public void stepTo(long done) {}

              @Override
              public void message(String text) {
                messages.add(text);
              }

              @Override
              public void close() {}
            };
    new AlsTrainer(new AlsParameters(4, 0.1f, 5f, 5, 3, 1)).fit(planted(3), capture);
    assertThat(messages).hasSize(5);
    double first = loss(messages.get(0));
    double last = loss(messages.get(4));
    assertThat(last).isLessThan(first);
  }

  private static double loss(String message) {
    String[] parts = message.split(" ");
    return Double.parseDouble(parts[3]);
  }

  @Test
  void userWithoutHistoryGetsNothing() {
    Interactions train = new Interactions(2, 3, new int[] {0, 2, 2}, new int[] {0, 1}, new float[] {1, 1});
    AlsModel m = new AlsTrainer(new AlsParameters(2, 0.1f, 1f, 2, 2, 1)).fit(train, Progress.NONE);
    assertThat(m.recommend(1, 3, i -> false).size()).isZero();
  }
}
