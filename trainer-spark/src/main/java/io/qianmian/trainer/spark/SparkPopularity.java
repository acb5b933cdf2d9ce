package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import io.qianmian.features.data.Catalog;
import io.qianmian.features.data.EventType;
import io.qianmian.features.segment.SegmentAssignment;
import io.qianmian.trainer.bundle.RankedLists;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ScoredItems;
import io.qianmian.trainer.popularity.PopularityTables;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * The popularity and segment tables of {@link PopularityTables}, counted on Spark: per item the
 * number of users with an interaction, per segment and item the same among the segment's users,
 * and the trending weight of recent events. Only the per-item sums come back to the driver, which
 * rolls categories up their tree and keeps the top of each list with the same {@link TopK} (ties
 * to the lower item index) as in-process.
 */
final class SparkPopularity {
  private static final double DAY = 86_400_000.0;

  private SparkPopularity() {}

  /**
   * Builds the tables.
   *
   * @param events dense events
   * @param pairs the weighted interactions, rows {@code (user, item, value)}
   * @param lastEvent the time of the newest event (trending is measured back from it)
   */
  static PopularityTables build(
      SparkSession spark, Dataset<Row> events, Dataset<Row> pairs, long lastEvent, Catalog catalog, int categories, int items,
      EventWeights weights, Optional<SegmentAssignment> segments, PopularityTables.Parameters p) {
    float[] users = perItem(pairs.groupBy("item").agg(count(lit(1)).cast("double").as("n")), items);
    float[] trending = perItem(trending(events, lastEvent, weights, p), items);
    Optional<RankedLists> bySegment = segments.map(s -> bySegment(spark, pairs, s, items, p.listLength()));
    return new PopularityTables(top(users, p.listLength()), top(trending, p.listLength()), byCategory(catalog, categories, users, p.listLength()), bySegment);
  }

  private static Dataset<Row> trending(Dataset<Row> events, long last, EventWeights weights, PopularityTables.Parameters p) {
    Column weight = lit(0.0);
    for (EventType t : EventType.values()) {
      weight = when(col("type").equalTo(t.code()), lit((double) weights.weight(t))).otherwise(weight);
    }
    long from = last - (long) (p.trendingWindowDays() * DAY);
    double perMilli = Math.log(2) / (p.trendingHalfLifeDays() * DAY);
    return events
        .where(col("time").geq(from))
        .select(col("item"), weight.as("w"), col("time"))
        .where(col("w").gt(0))
        .groupBy("item")
        .agg(sum(col("w").multiply(exp(lit(last).minus(col("time")).multiply(-perMilli))).cast("float").cast("double")).as("n"));
  }

  private static RankedLists bySegment(SparkSession spark, Dataset<Row> pairs, SegmentAssignment s, int items, int length) {
    Broadcast<int[]> segmentOf = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(s.segmentOfUser());
    var segment = udf((Integer u) -> segmentOf.value()[u], DataTypes.IntegerType);
    float[][] counts = new float[s.names().size()][items];
    Dataset<Row> bySegment =
        pairs.withColumn("segment", segment.apply(col("user"))).where(col("segment").geq(0)).groupBy("segment", "item").agg(count(lit(1)).as("n"));
    for (Iterator<Row> it = bySegment.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      counts[r.getInt(0)][r.getInt(1)] = r.getLong(2);
    }
    List<ScoredItems> rows = new ArrayList<>(counts.length);
    for (float[] c : counts) {
      rows.add(top(c, length));
    }
    return RankedLists.of(rows);
  }

  /** Rows {@code (item, n)} as an array by item. */
  private static float[] perItem(Dataset<Row> sums, int items) {
    float[] out = new float[items];
    for (Iterator<Row> it = sums.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      out[r.getInt(0)] = (float) r.getDouble(1);
    }
    return out;
  }

  /** Each category's most popular items, counting the items of its subcategories too. */
  private static RankedLists byCategory(Catalog c, int categories, float[] users, int length) {
    TopK[] top = new TopK[categories];
    for (int k = 0; k < categories; k++) {
      top[k] = new TopK(length);
    }
    for (int i = 0; i < users.length; i++) {
      if (users[i] > 0) {
        for (int k = c.category()[i]; k >= 0; k = c.categoryParent()[k]) {
          top[k].offer(i, users[i]);
        }
      }
    }
    List<ScoredItems> rows = new ArrayList<>(categories);
    for (TopK t : top) {
      rows.add(t.result());
    }
    return RankedLists.of(rows);
  }

  /** The {@code k} best items with a positive score. */
  private static ScoredItems top(float[] score, int k) {
    TopK top = new TopK(k);
    for (int i = 0; i < score.length; i++) {
      if (score[i] > 0) {
        top.offer(i, score[i]);
      }
    }
    return top.result();
  }
}
