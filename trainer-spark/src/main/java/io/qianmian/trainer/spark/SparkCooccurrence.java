package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.LogLikelihood;
import io.qianmian.trainer.model.ScoredItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Item-to-item co-occurrence with log-likelihood-ratio filtering, distributed: the pairs of items
 * sharing a user are counted by a self-join on users, each pair's 2 × 2 table is tested with {@link
 * LogLikelihood} on the executors, and the top {@code neighbors} per item are kept by a window.
 * The rules are those of {@code io.qianmian.trainer.cooccurrence.CooccurrenceTrainer}: only pairs
 * that attract each other ({@code k11 · N > n_i · n_j}) with {@code LLR ≥ minLlr}, scored by the
 * asymmetric cosine {@code k11 · n_i^(a−1) · n_j^(−a)}, ties to the lower item index, users cut to
 * {@code maxPerUser} items. (The cut picks a different random sample than in-process: it is
 * seeded by a hash of user and item instead of a per-user random stream.)
 */
final class SparkCooccurrence {
  private static final StructType SCORED =
      new StructType().add("i", DataTypes.IntegerType, false).add("j", DataTypes.IntegerType, false).add("score", DataTypes.FloatType, false);

  private SparkCooccurrence() {}

  /**
   * Each item's most similar items.
   *
   * @param pairs binary rows {@code (user, item)} of the primary action
   * @param users all users of the dataset (the N of the tables)
   * @param items rows of the result
   */
  static RankedLists similarItems(SparkSession spark, Dataset<Row> pairs, int users, int items, CooccurrenceParameters p) {
    Dataset<Row> a = downSample(pairs.select("user", "item"), p).cache();
    try {
      int[] countOf = new int[items];
      for (Iterator<Row> it = a.groupBy("item").agg(count(lit(1)).as("n")).toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        countOf[r.getInt(0)] = (int) r.getLong(1);
      }
      Dataset<Row> k11 =
          a.as("x").join(a.as("y"), col("x.user").equalTo(col("y.user")).and(col("x.item").notEqual(col("y.item"))))
              .groupBy(col("x.item").as("i"), col("y.item").as("j"))
              .agg(count(lit(1)).as("k11"));
      Broadcast<Tables> tables = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(new Tables(countOf, users, p.minLlr(), p.asymmetry()));
      FlatMapFunction<Row, Row> test = r -> tables.value().score(r.getInt(0), r.getInt(1), r.getLong(2));
      Dataset<Row> scored = k11.flatMap(test, Encoders.row(SCORED));
      Dataset<Row> best =
          scored
              .withColumn("rank", row_number().over(Window.partitionBy("i").orderBy(col("score").desc(), col("j").asc())))
              .where(col("rank").leq(p.neighbors()));
      return collect(best, items);
    } finally {
      a.unpersist();
    }
  }

  /** Each user's rows cut to {@code maxPerUser}, chosen by a seeded hash of user and item. */
  private static Dataset<Row> downSample(Dataset<Row> pairs, CooccurrenceParameters p) {
    return pairs
        .withColumn("pick", row_number().over(Window.partitionBy("user").orderBy(hash(col("user"), col("item"), lit(p.seed())), col("item"))))
        .where(col("pick").leq(p.maxPerUser()))
        .select("user", "item");
  }

  private static RankedLists collect(Dataset<Row> best, int items) {
    List<List<Row>> byItem = new ArrayList<>(items);
    for (int i = 0; i < items; i++) {
      byItem.add(new ArrayList<>(0));
    }
    for (Iterator<Row> it = best.select("i", "j", "score", "rank").toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      byItem.get(r.getInt(0)).add(r);
    }
    List<ScoredItems> rows = new ArrayList<>(items);
    for (List<Row> list : byItem) {
      list.sort((x, y) -> Integer.compare(x.getInt(3), y.getInt(3)));
      int[] j = new int[list.size()];
      float[] s = new float[j.length];
      for (int x = 0; x < j.length; x++) {
        j[x] = list.get(x).getInt(1);
        s[x] = list.get(x).getFloat(2);
      }
      rows.add(new ScoredItems(j, s));
    }
    return RankedLists.of(rows);
  }

  /** The per-item counts and thresholds every task tests its pairs with. */
  record Tables(int[] countOf, int users, double minLlr, double asymmetry) implements Serializable {
    /** The pair (i, j) with {@code k11} common users, scored, or nothing when it fails a test. */
    Iterator<Row> score(int i, int j, long k11) {
      long ni = countOf[i];
      long nj = countOf[j];
      // LLR is high for pairs that avoid each other too; only attraction is evidence.
      if (k11 * users <= ni * nj) {
        return java.util.Collections.emptyIterator();
      }
      double llr = LogLikelihood.ratio(k11, ni - k11, nj - k11, users - ni - nj + k11);
      if (llr < minLlr) {
        return java.util.Collections.emptyIterator();
      }
      float score = (float) (k11 * Math.pow(ni, asymmetry - 1) * Math.pow(nj, -asymmetry));
      return List.of(RowFactory.create(i, j, score)).iterator();
    }
  }
}
