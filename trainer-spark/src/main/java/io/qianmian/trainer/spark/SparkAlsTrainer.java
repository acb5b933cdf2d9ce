package io.qianmian.trainer.spark;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ModelTrainer;
import io.qianmian.trainer.model.Recommender;
import io.qianmian.trainer.model.ScoredItems;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark MLlib's implicit ALS as an offline-evaluation model ({@code als-spark}): the same
 * parameters as the in-process {@code als}, trained in a Spark session on the evaluation's training
 * split, ranking like it (dot products, users without history get nothing).
 */
public final class SparkAlsTrainer implements ModelTrainer {
  /** The model's name in evaluation reports. */
  public static final String NAME = "als-spark";

  private static final StructType PAIRS =
      new StructType().add("user", DataTypes.IntegerType, false).add("item", DataTypes.IntegerType, false).add("value", DataTypes.FloatType, false);

  private final AlsParameters params;
  private final String master;

  /**
   * A trainer.
   *
   * @param master where Spark runs; an active session is reused
   */
  public SparkAlsTrainer(AlsParameters params, String master) {
    this.params = params;
    this.master = master;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Recommender fit(Interactions train, Progress progress) {
    SparkSession spark = Sessions.start(master);
    Factors factors;
    try (Progress.Task task = progress.begin("als on spark rank " + params.rank(), -1, "iterations")) {
      factors = SparkAls.fit(frame(spark, train), train.userCount(), train.itemCount(), params);
    }
    return new Recommender() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public ScoredItems recommend(int u, int k, ItemFilter exclude) {
        return TopK.forUser(train, u, k, exclude, user -> scores(factors, user));
      }
    };
  }

  private static float[] scores(Factors f, int u) {
    float[] out = new float[f.itemCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = f.score(u, i);
    }
    return out;
  }

  /** The matrix as rows {@code (user, item, value)}, shipped once as a broadcast and cut by users. */
  static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Interactions m) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Csr> csr = jsc.broadcast(new Csr(m.rowStart(), m.items(), m.values()));
    int slices = Math.max(1, Math.min(64, m.nonZeros() / 100_000 + 1));
    List<Integer> ids = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      ids.add(s);
    }
    int users = m.userCount();
    var rows = jsc.parallelize(ids, slices).flatMap(s -> csr.value().rows((int) ((long) users * s / slices), (int) ((long) users * (s + 1) / slices)));
    return spark.createDataFrame(rows, PAIRS);
  }

  /** Compressed rows, serializable. */
  record Csr(int[] rowStart, int[] items, float[] values) implements Serializable {
    Iterator<Row> rows(int fromUser, int toUser) {
      List<Row> out = new ArrayList<>(rowStart[toUser] - rowStart[fromUser]);
      for (int u = fromUser; u < toUser; u++) {
        for (int e = rowStart[u]; e < rowStart[u + 1]; e++) {
          out.add(RowFactory.create(u, items[e], values[e]));
        }
      }
      return out.iterator();
    }
  }
}
