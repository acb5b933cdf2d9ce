package io.qianmian.trainer.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;

import io.qianmian.trainer.bundle.Factors;
import io.qianmian.trainer.linalg.TopK;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.model.ScoredItems;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Every user's best items by ALS, ranked on the executors: each task scores its users against all
 * item vectors (broadcast once) and keeps the top {@code k}, leaving out what the user already has
 * unless it may be bought again, exactly as the in-process run filters the model's lists.
 */
final class SparkCandidates {
  private static final StructType LISTS =
      new StructType()
          .add("user", DataTypes.IntegerType, false)
          .add("items", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
          .add("scores", DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private SparkCandidates() {}

  /**
   * The lists, one per user; users without interactions get none.
   *
   * @param pairs rows {@code (user, item, value)}
   * @param neverAgain per item, whether a user who has it is never offered it again (when {@code
   *     excludeSeen})
   */
  static ScoredItems[] rank(SparkSession spark, Dataset<Row> pairs, Factors factors, boolean[] neverAgain, int k, boolean excludeSeen) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Model> model = jsc.broadcast(new Model(factors.rank(), factors.users(), factors.items(), neverAgain, excludeSeen));
    Dataset<Row> seen = pairs.groupBy("user").agg(collect_list(col("item")).as("seen"));
    MapPartitionsFunction<Row, Row> top = rows -> new TopPerUser(rows, model.value(), k);
    Dataset<Row> lists = seen.mapPartitions(top, Encoders.row(LISTS));
    ScoredItems[] out = new ScoredItems[factors.userCount()];
    Arrays.fill(out, ScoredItems.EMPTY);
    for (Iterator<Row> it = lists.toLocalIterator(); it.hasNext(); ) {
      Row r = it.next();
      List<Integer> items = r.getList(1);
      List<Float> scores = r.getList(2);
      int[] i = new int[items.size()];
      float[] s = new float[i.length];
      for (int x = 0; x < i.length; x++) {
        i[x] = items.get(x);
        s[x] = scores.get(x);
      }
      out[r.getInt(0)] = new ScoredItems(i, s);
    }
    return out;
  }

  /** What every task needs: the vectors (as in {@link Factors}) and the repurchase flags. */
  record Model(int rank, float[] users, float[] items, boolean[] neverAgain, boolean excludeSeen) implements Serializable {
    Factors factors() {
      return new Factors(rank, users, items);
    }
  }

  /** Scores the users of one partition. */
  private static final class TopPerUser implements Iterator<Row> {
    private final Iterator<Row> users;
    private final Model model;
    private final Factors factors;
    private final TopK top;
    private final float[] scores;

    TopPerUser(Iterator<Row> users, Model model, int k) {
      this.users = users;
      this.model = model;
      this.factors = model.factors();
      this.top = new TopK(k);
      this.scores = new float[factors.itemCount()];
    }

    @Override
    public boolean hasNext() {
      return users.hasNext();
    }

    @Override
    public Row next() {
      Row r = users.next();
      int u = r.getInt(0);
      List<Integer> seenList = r.getList(1);
      int[] seen = new int[seenList.size()];
      for (int x = 0; x < seen.length; x++) {
        seen[x] = seenList.get(x);
      }
      Arrays.sort(seen);
      boolean[] neverAgain = model.neverAgain();
      ItemFilter exclude = model.excludeSeen() ? i -> neverAgain[i] && Arrays.binarySearch(seen, i) >= 0 : ItemFilter.NONE;
      for (int i = 0; i < scores.length; i++) {
        scores[i] = factors.score(u, i);
      }
      top.reset();
      for (int i = 0; i < scores.length; i++) {
        top.offer(i, scores[i], exclude);
      }
      ScoredItems best = top.result();
      Integer[] items = new Integer[best.items().length];
      Float[] values = new Float[items.length];
      for (int x = 0; x < items.length; x++) {
        items[x] = best.items()[x];
        values[x] = best.scores()[x];
      }
      return RowFactory.create(u, items, values);
    }
  }
}
