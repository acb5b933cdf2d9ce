package io.qianmian.trainer.train;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qianmian.features.progress.Progress;
import io.qianmian.trainer.als.AlsParameters;
import io.qianmian.trainer.als.AlsTrainer;
import io.qianmian.trainer.cooccurrence.CooccurrenceModel;
import io.qianmian.trainer.cooccurrence.CooccurrenceParameters;
import io.qianmian.trainer.cooccurrence.CooccurrenceTrainer;
import io.qianmian.trainer.ease.EaseParameters;
import io.qianmian.trainer.ease.EaseTrainer;
import io.qianmian.trainer.model.Interactions;
import io.qianmian.trainer.model.ItemFilter;
import io.qianmian.trainer.testing.MovieLensSplit;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.mahout.cf.taste.impl.common.FastByIDMap;
import org.apache.mahout.cf.taste.impl.common.FastIDSet;
import org.apache.mahout.cf.taste.impl.common.LongPrimitiveIterator;
import org.apache.mahout.cf.taste.impl.model.GenericBooleanPrefDataModel;
import org.apache.mahout.cf.taste.impl.recommender.GenericItemBasedRecommender;
import org.apache.mahout.cf.taste.impl.recommender.svd.ALSWRFactorizer;
import org.apache.mahout.cf.taste.impl.similarity.LogLikelihoodSimilarity;
import org.apache.mahout.cf.taste.model.DataModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training speed against Mahout Taste on the same MovieLens-100K training split, in one JVM, so
 * the ratio holds on a busy machine. Run with {@code mvn -pl trainer test -Preal-data
 * -Dexcluded.test.groups= -Dtest=MahoutSpeedBench}. Each side runs three times; the best counts.
 */
@Tag("bench")
@Tag("real-data")
class MahoutSpeedBench {
  private static final int RUNS = 3;

  @Test
  void alsAndItemToItemAgainstMahout() throws Exception {
    Path uData = MovieLensSplit.ratingsFile().orElse(null);
    assumeTrue(uData != null, "MovieLens-100K is not in the shared data folder");
    Interactions train = MovieLensSplit.load(uData, 2026).train();
    DataModel mahoutData = booleanModel(train);

    double mahoutAls = best(() -> new ALSWRFactorizer(mahoutData, 20, 0.065, 10, true, 40, Runtime.getRuntime().availableProcessors()).factorize());
    double als20 = best(() -> new AlsTrainer(new AlsParameters(20, 50f, 10f, 10, 3, 42)).fit(train, Progress.NONE));
    double alsDefault = best(() -> new AlsTrainer(AlsParameters.DEFAULTS).fit(train, Progress.NONE));
    report("Mahout ALS-WR rank 20, 10 iterations", mahoutAls, mahoutAls);
    report("als rank 20, 10 iterations", als20, mahoutAls);
    report("als defaults " + AlsParameters.DEFAULTS, alsDefault, mahoutAls);

    double mahoutItem =
        best(
            () -> {
              GenericItemBasedRecommender r = new GenericItemBasedRecommender(mahoutData, new LogLikelihoodSimilarity(mahoutData));
              LongPrimitiveIterator users = mahoutData.getUserIDs();
              while (users.hasNext()) {
                r.recommend(users.nextLong(), 10);
              }
            });
    double ours =
        best(
            () -> {
              CooccurrenceModel m = new CooccurrenceTrainer(CooccurrenceParameters.DEFAULTS).fit(train, Progress.NONE);
              for (int u = 0; u < train.userCount(); u++) {
                int from = train.rowStart()[u];
                int to = train.rowStart()[u + 1];
                ItemFilter seen = i -> java.util.Arrays.binarySearch(train.items(), from, to, i) >= 0;
                m.recommend(u, 10, seen);
              }
            });
    report("Mahout item-based LLR, build + top 10 for all users", mahoutItem, mahoutItem);
    report("cooccurrence, build + top 10 for all users", ours, mahoutItem);
    report("ease lambda 300", best(() -> new EaseTrainer(EaseParameters.DEFAULTS).fit(train, Progress.NONE)), mahoutAls);
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  private static double best(Work w) throws Exception {
    double best = Double.MAX_VALUE;
    for (int r = 0; r < RUNS; r++) {
      long t0 = System.nanoTime();
      w.run();
      best = Math.min(best, (System.nanoTime() - t0) / 1e9);
    }
    return best;
  }

  private static void report(String what, double seconds, double baseline) {
    System.out.printf(Locale.ROOT, "%-60s %8.3f s  %6.1f× faster than the baseline%n", what, seconds, baseline / seconds);
  }

  /** The training positives as Mahout's boolean data model (ids are the dense indexes). */
  private static DataModel booleanModel(Interactions train) {
    FastByIDMap<FastIDSet> users = new FastByIDMap<>();
    for (int u = 0; u < train.userCount(); u++) {
      if (train.rowLength(u) == 0) {
        continue;
      }
      FastIDSet items = new FastIDSet(train.rowLength(u));
      for (int e = train.rowStart()[u]; e < train.rowStart()[u + 1]; e++) {
        items.add(train.items()[e]);
      }
      users.put(u, items);
    }
    return new GenericBooleanPrefDataModel(users);
  }
}
