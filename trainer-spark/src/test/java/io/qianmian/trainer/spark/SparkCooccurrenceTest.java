package io.qianmian.trainer.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.cooccurrence.LogLikelihood;
import io.qianmian.trainer.model.Interactions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class SparkCooccurrenceTest {
  /**
   * Eight users, four items. Items 0 and 1 go together (users 0–3 have both), item 2 is with 0 for
   * users 0 and 4, item 3 is alone (users 5–7). So k11(0,1) = 4, n0 = 5, n1 = 4, N = 8.
   */
  private static final int[][] ROWS = {{0, 1}, {0, 1}, {0, 1}, {0, 1, 2}, {0, 2}, {3}, {3}, {3}};

  private static Interactions matrix() {
    int[] start = new int[ROWS.length + 1];
    List<Integer> items = new ArrayList<>();
    for (int u = 0; u < ROWS.length; u++) {
      for (int i : ROWS[u]) {
        items.add(i);
      }
      start[u + 1] = items.size();
    }
    float[] values = new float[items.size()];
    java.util.Arrays.fill(values, 1f);
    return new Interactions(ROWS.length, 4, start, items.stream().mapToInt(Integer::intValue).toArray(), values);
  }

  private static org.apache.spark.sql.Dataset<Row> pairs(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int u = 0; u < ROWS.length; u++) {
      for (int i : ROWS[u]) {
        rows.add(RowFactory.create(u, i));
      }
    }
    return spark.createDataFrame(rows, new StructType().add("user", DataTypes.IntegerType).add("item", DataTypes.IntegerType));
  }

  @Test
  void llrOfTheTogetherPairIsTheHandComputedValue() {
    // Table of items 0 and 1 over 8 users: k11 = 4, k12 = 1 (0 without 1), k21 = 0, k22 = 3.
    // G² = 2·(H(rows) + H(cols) − H(matrix)) with H the unnormalized entropy (x·ln x sums):
    // rows (5, 3), cols (4, 4), cells (4, 1, 0, 3).
    double h = 8 * Math.log(8);
    double rows = h - 5 * Math.log(5) - 3 * Math.log(3);
    double cols = h - 4 * Math.log(4) - 4 * Math.log(4);
    double cells = h - 4 * Math.log(4) - 0 - 0 - 3 * Math.log(3);
    assertThat(LogLikelihood.ratio(4, 1, 0, 3)).isCloseTo(2 * (rows + cols - cells), within(1e-9)).isCloseTo(6.0863, within(1e-3));
  }

  @Test
  void distributedNeighborsEqualTheInProcessOnes() {
    CooccurrenceParameters p = new CooccurrenceParameters(3, 500, 0, 0.7, 42);
    RankedLists inProcess = new CooccurrenceTrainer(p).fit(matrix(), Progress.NONE).similarItems();

    RankedLists onSpark = SparkCooccurrence.similarItems(LocalSpark.session(), pairs(LocalSpark.session()), ROWS.length, 4, p);

    assertThat(onSpark.offsets()).containsExactly(inProcess.offsets());
    assertThat(onSpark.items()).containsExactly(inProcess.items());
    assertThat(onSpark.scores()).containsExactly(inProcess.scores());
    // Hand check: item 0's only attracted neighbour is 1 (k11·N = 32 > n0·n1 = 20) and 2 (2·8 = 16 > 5·2 = 10).
    assertThat(onSpark.list(0).items()).containsExactly(1, 2);
    assertThat(onSpark.list(0).scores()[0]).isCloseTo((float) (4 * Math.pow(5, -0.3) * Math.pow(4, -0.7)), within(1e-6f));
    assertThat(onSpark.list(3).items()).isEmpty();
  }

  @Test
  void minLlrDropsWeakPairsAsInProcess() {
    // The pair (0, 2) has LLR ≈ 0.9; with the 5 % threshold only (0, 1) and (1, 0) survive.
    CooccurrenceParameters p = new CooccurrenceParameters(3, 500, 3.84, 0.7, 42);
    RankedLists inProcess = new CooccurrenceTrainer(p).fit(matrix(), Progress.NONE).similarItems();

    RankedLists onSpark = SparkCooccurrence.similarItems(LocalSpark.session(), pairs(LocalSpark.session()), ROWS.length, 4, p);

    assertThat(onSpark.items()).containsExactly(inProcess.items());
    assertThat(onSpark.scores()).containsExactly(inProcess.scores());
    assertThat(onSpark.list(0).items()).containsExactly(1);
  }
}
