package io.qianmian.trainer.als;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    assertRecoversGroups(train, m);
  }

  @Test
  void popularityWeightedAlsStillRecoversAPlantedLowRankPattern() {
    long seed = 23;
    System.out.println("AlsTrainerTest seed " + seed);
    Interactions train = planted(seed);
    AlsModel m = new AlsTrainer(new AlsParameters(4, 1f, 10f, 10, 3, seed, 0.5f)).fit(train, Progress.NONE);
    assertRecoversGroups(train, m);
  }

  /** Each user's top items, as many as the group's items they lack, all come from their group. */
  private static void assertRecoversGroups(Interactions train, AlsModel m) {
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
  void weightedGramMatrixEqualsTheExplicitSum() {
    // Two 2-vectors (1, 2) and (3, -1), weights 0.5 and 2:
    // 0.5·[[1, 2], [2, 4]] + 2·[[9, -3], [-3, 1]] = [[18.5, -5], [-5, 4]].
    float[] vectors = {1, 2, 3, -1};
    assertThat(AlsTrainer.gram(vectors, 2, new float[] {0.5f, 2f})).containsExactly(18.5, -5, -5, 4);
    assertThat(AlsTrainer.gram(vectors, 2, null)).containsExactly(10, -1, -1, 5);
  }

  @Test
  void missingCellWeightsFollowPopularityWithMeanOne() {
    // Items with 1, 4, 0 and 9 users; exponent ½ gives 1, 2, 0, 3, scaled by 4 items / 6.
    int[] users = {0, 0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    Interactions byItem = new Interactions(4, 9, new int[] {0, 1, 5, 5, 14}, users, new float[users.length]);
    assertThat(AlsTrainer.missingWeights(byItem, 0.5f)).containsExactly(new float[] {4f / 6, 8f / 6, 0f, 2f}, within(1e-6f));
    assertThat(AlsTrainer.missingWeights(byItem, 1f)).containsExactly(new float[] {4f / 14, 16f / 14, 0f, 36f / 14}, within(1e-6f));
  }

  @Test
  void popularityExponentOutsideZeroToTwoIsRejected() {
    assertThatThrownBy(() -> new AlsParameters(4, 1f, 1f, 1, 1, 1, -0.5f)).hasMessageContaining("als.popularityExponent");
    assertThatThrownBy(() -> new AlsParameters(4, 1f, 1f, 1, 1, 1, Float.NaN)).hasMessageContaining("als.popularityExponent");
  }

  /**
   * Converged factors satisfy the normal equations of the weighted objective, computed here cell by
   * cell: for each user, Σ_i w_ui (x_u·y_i − p_ui) y_i + λ x_u = 0 (and likewise per item), where
   * w_ui is 1 + α for an observed cell and the item's missing-cell weight otherwise.
   */
  @Test
  void convergedFactorsSolveTheWeightedProblemCellByCell() {
    Interactions train = planted(11);
    float exponent = 0.5f;
    float lambda = 2f;
    float alpha = 4f;
    int k = 3;
    // rank-many CG steps solve each k × k system exactly; enough sweeps to settle.
    AlsModel m = new AlsTrainer(new AlsParameters(k, lambda, alpha, 300, k, 3, exponent)).fit(train, Progress.NONE);
    float[] x = m.factors().users();
    float[] y = m.factors().items();
    int users = train.userCount();
    int items = train.itemCount();
    int[] count = new int[items];
    for (int i : train.items()) {
      count[i]++;
    }
    double sum = 0;
    for (int c : count) {
      sum += Math.sqrt(c);
    }
    double[][] w = new double[users][items];
    double[][] p = new double[users][items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        w[u][i] = Math.sqrt(count[i]) * items / sum;
      }
      for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
        w[u][train.items()[e]] = 1 + alpha;
        p[u][train.items()[e]] = 1;
      }
    }
    double[][] wT = new double[items][users];
    double[][] pT = new double[items][users];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        wT[i][u] = w[u][i];
        pT[i][u] = p[u][i];
      }
    }
    double worst = Math.max(largestGradient(x, y, w, p, k, lambda), largestGradient(y, x, wT, pT, k, lambda));
    assertThat(worst).isLessThan(1e-3);
  }

  /** The largest |λ x_r + Σ_c w_rc (x_r·y_c − p_rc) y_c| over rows r of {@code x} and coordinates. */
  private static double largestGradient(float[] x, float[] y, double[][] w, double[][] p, int k, double lambda) {
    double worst = 0;
    for (int r = 0; r < w.length; r++) {
      for (int a = 0; a < k; a++) {
        double g = lambda * x[r * k + a];
        for (int c = 0; c < w[r].length; c++) {
          g += w[r][c] * (dot(x, r, y, c, k) - p[r][c]) * y[c * k + a];
        }
        worst = Math.max(worst, Math.abs(g));
      }
    }
    return worst;
  }

  private static double dot(float[] x, int u, float[] y, int i, int k) {
    double s = 0;
    for (int a = 0; a < k; a++) {
      s += (double) x[u * k + a] * y[i * k + a];
    }
    return s;
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
