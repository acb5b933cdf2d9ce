package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;

import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.bundle.Factors;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Implicit-feedback ALS on Spark MLlib (the same model as {@code io.qianmian.trainer.als.AlsTrainer}:
 * preference 1 with confidence {@code 1 + alpha · strength}), giving the bundle's {@link Factors}.
 *
 * <p>MLlib regularizes each vector by {@code regParam · n} where {@code n} is its number of
 * interactions (ALS-WR's weighted λ), the in-process trainer by a constant {@code lambda}; no
 * setting makes the two equal. The constant is spread over the average count, {@code regParam =
 * lambda / (2 · nonZeros / √(users · items))}: √(users · items) / nonZeros is the inverse geometric
 * mean of a user's and an item's interactions, and the factor ½ was the best of ¼, ½, 1 and 2 on
 * MovieLens-100K (nDCG@10 0.283, 0.297, 0.292, 0.251 against 0.307 in-process, seed 1; see
 * docs/benchmarks.md).
 */
final class SparkAls {
  private SparkAls() {}

  /** MLlib's {@code regParam} equivalent to {@code lambda} on a matrix of this shape. */
  static double regParam(float lambda, long nonZeros, int users, int items) {
    if (nonZeros == 0) {
      return lambda;
    }
    return lambda / (2 * nonZeros / Math.sqrt((double) users * items));
  }

  /**
   * Trains on rows {@code (user, item, value)}.
   *
   * @param users rows of the result: vectors of users without interactions stay zero
   * @param items columns of the result
   */
  static Factors fit(Dataset<Row> pairs, int users, int items, AlsParameters p) {
    long nonZeros = pairs.count();
    ALS als =
        new ALS()
            .setImplicitPrefs(true)
            .setRank(p.rank())
            .setMaxIter(p.iterations())
            .setRegParam(regParam(p.lambda(), nonZeros, users, items))
            .setAlpha(p.alpha())
            .setSeed(p.seed())
            .setUserCol("user")
            .setItemCol("item")
            .setRatingCol("value")
            .setColdStartStrategy("drop");
    ALSModel model = als.fit(pairs.select(col("user"), col("item"), col("value")));
    return new Factors(p.rank(), vectors(model.userFactors(), users, p.rank()), vectors(model.itemFactors(), items, p.rank()));
  }

  /** MLlib's rows {@code (id, features)} as one row-major array; missing ids get zero vectors. */
  private static float[] vectors(Dataset<Row> factors, int count, int rank) {
    float[] out = new float[count * rank];
    for (Iterator<Row> it = factors.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      int id = r.getInt(0);
      List<Float> v = r.getList(1);
      for (int f = 0; f < rank; f++) {
        out[id * rank + f] = v.get(f);
      }
    }
    return out;
  }
}
