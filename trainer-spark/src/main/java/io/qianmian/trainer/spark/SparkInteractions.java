package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.qianmian.features.data.EventType;
import io.qianmian.trainer.data.EventWeights;
import io.qianmian.trainer.data.TimeDecay;
import io.qianmian.trainer.model.Interactions;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The user × item matrices of {@code io.qianmian.trainer.data.EventInteractions}, computed on
 * Spark as rows {@code (user, item, value)}: the weighted, time-decayed sum of a pair's events
 * (pairs whose sum is not positive left out), or 1 for each pair with an event of given types.
 */
final class SparkInteractions {
  private SparkInteractions() {}

  /** Weighted, decayed strengths: the same values as {@code EventInteractions.weighted}. */
  static Dataset<Row> weighted(Dataset<Row> events, EventWeights weights, TimeDecay decay) {
    Column weight = lit(0.0);
    for (EventType t : EventType.values()) {
      weight = when(col("type").equalTo(t.code()), lit((double) weights.weight(t))).otherwise(weight);
    }
    Column value = weight;
    if (decay.enabled()) {
      // factor = exp(-ln 2 · age / half-life) for events before the reference time, else 1.
      Column age = lit(decay.referenceMillis()).minus(col("time")).cast("double");
      Column factor = when(col("time").geq(decay.referenceMillis()), lit(1.0)).otherwise(exp(lit(-Math.log(2)).multiply(age.divide(lit((double) decay.halfLifeMillis())))));
      value = weight.multiply(factor);
    }
    // Each row is rounded to float as in-process, then pairs are summed in double.
    return events
        .select(col("user"), col("item"), value.cast("float").cast("double").as("value"))
        .where(col("value").notEqual(0))
        .groupBy("user", "item")
        .agg(sum("value").cast("float").as("value"))
        .where(col("value").gt(0));
  }

  /** 1 for every pair with an event of one of {@code types}. */
  static Dataset<Row> positives(Dataset<Row> events, Collection<EventType> types) {
    Integer[] codes = types.stream().map(t -> (int) t.code()).toArray(Integer[]::new);
    return events.where(col("type").isin((Object[]) codes)).select("user", "item").distinct().withColumn("value", lit(1f));
  }

  /** Rows {@code (user, item, value)} collected on the driver as compressed rows, items ascending. */
  static Interactions collect(Dataset<Row> pairs, int users, int items) {
    long n = pairs.count();
    if (n > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException(n + " user × item pairs do not fit one array on the driver");
    }
    int[] pairUser = new int[(int) n];
    long[] itemAndValue = new long[(int) n];
    int[] rowStart = new int[users + 1];
    int k = 0;
    for (Iterator<Row> it = pairs.select("user", "item", "value").toLocalIterator(); it.hasNext() && k < n; k++) {
      Row r = it.next();
      int u = r.getInt(0);
      pairUser[k] = u;
      // The item in the high half, so that sorting the longs sorts a row by item.
      itemAndValue[k] = ((long) r.getInt(1) << 32) | (Float.floatToRawIntBits(r.getFloat(2)) & 0xFFFFFFFFL);
      rowStart[u + 1]++;
    }
    for (int u = 0; u < users; u++) {
      rowStart[u + 1] += rowStart[u];
    }
    long[] sorted = new long[k];
    int[] next = Arrays.copyOf(rowStart, users);
    for (int e = 0; e < k; e++) {
      sorted[next[pairUser[e]]++] = itemAndValue[e];
    }
    int[] itemOf = new int[k];
    float[] values = new float[k];
    for (int u = 0; u < users; u++) {
      Arrays.sort(sorted, rowStart[u], rowStart[u + 1]);
      for (int e = rowStart[u]; e < rowStart[u + 1]; e++) {
        itemOf[e] = (int) (sorted[e] >>> 32);
        values[e] = Float.intBitsToFloat((int) sorted[e]);
      }
    }
    return new Interactions(users, items, rowStart, itemOf, values);
  }
}
